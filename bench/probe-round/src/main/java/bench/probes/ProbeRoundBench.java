package bench.probes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmhealth.adapters.probes.models.OpenAiCompatibleModelProbe;
import dev.llmhealth.adapters.probes.models.ProviderEndpoint;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.ModelProbe;
import dev.llmhealth.domain.service.CheckRoundService;
import dev.llmhealth.domain.service.SnapshotStore;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/**
 * A model check round at scale: DEPLOYMENTS deployments spread over HOSTS OpenAI-compatible upstreams
 * ({@link FakeUpstreams}: com.sun.net.httpserver on 127.0.0.1, one port each, in a child process), HUNG of
 * which accept the request and never answer. The real {@link CheckRoundService} probes them with the real {@link OpenAiCompatibleModelProbe}
 * ({@code GET /models}), with the service's defaults (256 probes in flight, 16 per host). Per round it prints
 * one line of key=value: the round's duration against its deadline (timeout + 1 s), the verdicts and any
 * misjudged deployment, when the healthy hosts' probes finished, peak threads and heap.
 *
 * <p>Usage: {@code ProbeRoundBench [--deployments 1000] [--hosts 100] [--hung 33] [--timeout-ms 5000] [--rounds 3]
 * [--global-cap 256]} (the global cap is {@code health_check_concurrency})
 */
public final class ProbeRoundBench {

    private static final byte[] MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"bench\",\"object\":\"model\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    private ProbeRoundBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = options(args);
        int deployments = options.getOrDefault("deployments", 1000);
        int hosts = options.getOrDefault("hosts", 100);
        int hung = options.getOrDefault("hung", hosts / 3);
        Duration timeout = Duration.ofMillis(options.getOrDefault("timeout-ms", 5000));
        int rounds = options.getOrDefault("rounds", 3);
        int globalCap = options.getOrDefault("global-cap", HealthSettings.defaults().globalConcurrency());

        Process upstreams = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                FakeUpstreams.class.getName(), String.valueOf(hosts), String.valueOf(hung))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<Integer> upstreamPorts = new ArrayList<>();
        Set<Integer> hungHosts = new HashSet<>();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(upstreams.getInputStream())).readLine();
            if (line == null || !line.startsWith("ports=")) {
                throw new IllegalStateException("the fake upstreams did not start: " + line);
            }
            String[] parts = line.split(" ");
            for (String port : parts[0].substring("ports=".length()).split(",")) {
                upstreamPorts.add(Integer.parseInt(port));
            }
            String hungList = parts.length > 1 ? parts[1].substring("hung=".length()) : "";
            for (String index : hungList.isEmpty() ? new String[0] : hungList.split(",")) {
                hungHosts.add(Integer.parseInt(index));
            }
            run(deployments, hosts, timeout, rounds, globalCap, upstreamPorts, hungHosts);
        } finally {
            upstreams.getOutputStream().close();
            if (!upstreams.waitFor(10, TimeUnit.SECONDS)) {
                upstreams.destroyForcibly();
            }
        }
        System.exit(0);
    }

    private static void run(int deployments, int hosts, Duration timeout, int rounds, int globalCap, List<Integer> upstreamPorts,
                            Set<Integer> hungHosts) throws Exception {
        List<Deployment> fleet = new ArrayList<>(deployments);
        Map<String, ProviderEndpoint> endpoints = new LinkedHashMap<>();
        Map<String, Integer> hostOf = new LinkedHashMap<>();
        for (int i = 0; i < deployments; i++) {
            int h = i % hosts;
            String apiBase = "http://127.0.0.1:" + upstreamPorts.get(h) + "/v1";
            Deployment deployment = new Deployment("dep-%05d".formatted(i), "bench-model-" + i, apiBase, ProbeMode.MODELS);
            fleet.add(deployment);
            endpoints.put(deployment.id(), new ProviderEndpoint("openai", apiBase, "sk-bench-not-a-real-key", "bench-model-" + i));
            hostOf.put(deployment.id(), h);
        }
        List<Deployment> router = List.copyOf(fleet);
        Set<Integer> ports = new HashSet<>(upstreamPorts);

        HealthSettings defaults = HealthSettings.defaults();
        HealthSettings settings = new HealthSettings(defaults.interval(), timeout, defaults.jitterPercent(), Duration.ZERO,
                defaults.serviceCheckInterval(), 1, 1, false, true, globalCap, defaults.perHostConcurrency(), Set.of());

        Clock clock = Clock.systemUTC();
        SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(clock.instant(), false, false, deployments));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int baselineThreads = threads.getThreadCount();
        System.out.printf("setup deployments=%d hosts=%d hung_hosts=%d timeout_ms=%d deadline_ms=%d global_cap=%d per_host_cap=%d "
                        + "threads_before=%d max_heap_mb=%d (the upstreams run in a process of their own)%n",
                deployments, hosts, hungHosts.size(), timeout.toMillis(), settings.roundDeadline().toMillis(),
                settings.globalConcurrency(), settings.perHostConcurrency(), baselineThreads,
                Runtime.getRuntime().maxMemory() >> 20);

        Timing timing = new Timing(deployments);
        try (OpenAiCompatibleModelProbe probe = new OpenAiCompatibleModelProbe(endpoints, SecretRedactor.shapesOnly());
             CheckRoundService service = new CheckRoundService(() -> router, timing.around(probe), store, settings, clock)) {
            for (int r = 1; r <= rounds; r++) {
                Sampler sampler = Sampler.start();
                long gcCountBefore = gcCount();
                long gcMillisBefore = gcMillis();
                timing.reset();
                java.time.Instant startedAt = clock.instant();
                long start = System.nanoTime();
                timing.roundStarted(start);
                service.runRound();
                long durationNanos = System.nanoTime() - start;
                // the round stamps its end when the probes are done, before verdicts, logging and publishing
                long probePhaseMillis = Duration.between(startedAt, store.current().lastRoundEnded().orElseThrow()).toMillis();
                Sampler.Peaks peaks = sampler.stop();

                int healthy = 0;
                int unhealthy = 0;
                int misjudged = 0;
                for (DeploymentHealth verdict : store.current().deployments()) {
                    boolean onHungHost = hungHosts.contains(hostOf.get(verdict.deployment().id()));
                    if (verdict.isHealthy()) {
                        healthy++;
                    } else {
                        unhealthy++;
                    }
                    if (verdict.isHealthy() == onHungHost) {
                        misjudged++;
                    }
                }
                long[] healthyDone = timing.finishedMillis(id -> !hungHosts.contains(hostOf.get(id)));
                long[] healthyStart = timing.startedMillis(id -> !hungHosts.contains(hostOf.get(id)));
                int[] sockets = sockets(ports);
                System.out.printf("round=%d duration_ms=%d probe_phase_ms=%d deadline_ms=%d healthy=%d unhealthy=%d misjudged=%d "
                                + "healthy_hosts_probes_done_p50_ms=%d healthy_hosts_probes_done_max_ms=%d healthy_hosts_probes_started_max_ms=%d "
                                + "probes_in_flight_max=%d peak_threads=%d threads_added=%d peak_heap_used_mb=%.1f old_gen_after_gc_mb=%.1f "
                                + "gc_count=%d gc_ms=%d live_heap_after_round_mb=%.1f open_fds=%d client_sockets_established=%d client_sockets_closing=%d "
                                + "server_sockets_open=%d%n",
                        r, durationNanos / 1_000_000, probePhaseMillis, settings.roundDeadline().toMillis(), healthy, unhealthy, misjudged,
                        percentile(healthyDone, 50), percentile(healthyDone, 100), percentile(healthyStart, 100),
                        timing.maxInFlight(), peaks.threads(), peaks.threads() - baselineThreads, peaks.heapBytes() / 1048576.0,
                        oldGenAfterGc() / 1048576.0, gcCount() - gcCountBefore, gcMillis() - gcMillisBefore, liveHeapMb(), openFds(),
                        sockets[0], sockets[1], sockets[2]);
            }
        }
        System.gc();
        // platform threads by name, digits dropped: which pools the rounds left behind
        Map<String, Integer> pools = new java.util.TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            pools.merge(thread.getName().replaceAll("[0-9]+", "N"), 1, Integer::sum);
        }
        StringBuilder names = new StringBuilder();
        pools.forEach((name, count) -> names.append(count > 1 ? " '" + name + "'x" + count : ""));
        System.out.printf("end live_heap_after_gc_mb=%.1f threads=%d pools:%s%n",
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0, threads.getThreadCount(), names);
    }

    /** Wraps the probe to record when each deployment's probe started and finished, and how many ran at once. */
    private static final class Timing {
        private final AtomicLongArray started;
        private final AtomicLongArray finished;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger maxInFlight = new AtomicInteger();
        private final Map<String, Integer> index = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile long roundStart;

        Timing(int deployments) {
            started = new AtomicLongArray(deployments);
            finished = new AtomicLongArray(deployments);
        }

        void reset() {
            for (int i = 0; i < started.length(); i++) {
                started.set(i, -1);
                finished.set(i, -1);
            }
            maxInFlight.set(0);
        }

        void roundStarted(long nanos) {
            roundStart = nanos;
        }

        ModelProbe around(ModelProbe probe) {
            return (deployment, timeout) -> {
                int i = index.computeIfAbsent(deployment.id(), id -> Integer.parseInt(id.substring(4)));
                started.set(i, System.nanoTime() - roundStart);
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    ProbeResult result = probe.probe(deployment, timeout);
                    finished.set(i, System.nanoTime() - roundStart);
                    return result;
                } finally {
                    inFlight.decrementAndGet();
                }
            };
        }

        int maxInFlight() {
            return maxInFlight.get();
        }

        long[] finishedMillis(java.util.function.Predicate<String> which) {
            return select(finished, which);
        }

        long[] startedMillis(java.util.function.Predicate<String> which) {
            return select(started, which);
        }

        private long[] select(AtomicLongArray times, java.util.function.Predicate<String> which) {
            List<Long> picked = new ArrayList<>();
            for (int i = 0; i < times.length(); i++) {
                if (which.test("dep-%05d".formatted(i))) {
                    long t = times.get(i);
                    // a probe that never finished counts as the whole round
                    picked.add(t < 0 ? Long.MAX_VALUE : t / 1_000_000);
                }
            }
            return picked.stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }

    /** Samples the thread count and the heap in use every 10 ms. */
    private static final class Sampler implements Runnable {
        record Peaks(int threads, long heapBytes) {
        }

        private final Thread thread = Thread.ofPlatform().daemon().name("bench-sampler").unstarted(this);
        private volatile boolean running = true;
        private volatile int peakThreads;
        private volatile long peakHeap;

        static Sampler start() {
            Sampler sampler = new Sampler();
            sampler.thread.start();
            return sampler;
        }

        @Override
        public void run() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            for (int i = 0; i < 60_000 && running; i++) { // bounded: 10 minutes at most
                peakThreads = Math.max(peakThreads, threads.getThreadCount());
                peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(10);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }

        Peaks stop() throws InterruptedException {
            running = false;
            thread.join();
            return new Peaks(peakThreads, peakHeap);
        }
    }

    private static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        long value = sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        return value == Long.MAX_VALUE ? -1 : value;
    }

    /** Heap in use after a full collection (the live set), taken after the round so it does not disturb it. */
    private static double liveHeapMb() {
        System.gc();
        return (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0;
    }

    /** The old generation's occupancy after the latest collection: the live set, roughly. */
    private static long oldGenAfterGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null && !pool.getName().contains("Eden")
                    && !pool.getName().contains("Survivor")) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    /**
     * TCP sockets to and from the upstreams, from /proc/net/tcp and tcp6 (this machine's loopback): client side
     * (remote port is an upstream's) established, client side closing (FIN_WAIT, CLOSE_WAIT...), server side (local
     * port is an upstream's, not listening). A hung upstream keeps its side open by design; the client side shows
     * whether abandoned probes close their connections, and how many idle connections the probe client keeps.
     */
    private static int[] sockets(Set<Integer> ports) {
        int[] counts = new int[3];
        for (String file : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(file));
            } catch (IOException | UnsupportedOperationException missing) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 4) {
                    continue;
                }
                int localPort = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                int remotePort = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
                String state = f[3];
                if (state.equals("0A") || state.equals("06") || state.equals("07")) { // LISTEN, TIME_WAIT, CLOSE
                    continue;
                }
                if (ports.contains(remotePort)) {
                    counts[state.equals("01") ? 0 : 1]++;
                } else if (ports.contains(localPort)) {
                    counts[2]++;
                }
            }
        }
        return counts;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | UnsupportedOperationException notLinux) {
            return -1;
        }
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + " in " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), Integer.parseInt(args[i + 1]));
        }
        return options;
    }
}
