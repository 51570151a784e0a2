package dev.llmhealth.adapters.probes.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.ProbeSpend;
import dev.llmhealth.domain.service.CheckRoundService;
import dev.llmhealth.domain.service.SnapshotStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rounds of the real {@link CheckRoundService} with the real {@link ProviderProbes} against real
 * upstreams that answer, hang or refuse: after many rounds the platform threads, this process's open
 * file descriptors and the connections the upstreams hold open are back near where they were after
 * the first rounds. {@code -Dnoleak.rounds=100} makes it the long run ({@code bench/no-leak.sh}).
 */
class NoLeakAcrossRoundsTest {

    private static final int ROUNDS = Integer.getInteger("noleak.rounds", 20);
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    /** The client may close an abandoned connection a little after the probe gave up on it. */
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final Path FDS = Path.of("/proc/self/fd");

    @Test
    void noThreadFileDescriptorOrConnectionIsLeakedAcrossRounds() throws IOException {
        List<CountingUpstream> answering = new ArrayList<>();
        List<CountingUpstream> hanging = new ArrayList<>();
        Map<String, ProviderEndpoint> endpoints = new LinkedHashMap<>();
        List<Deployment> deployments = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                answering.add(new CountingUpstream(CountingUpstream.Behaviour.ANSWERS));
                hanging.add(new CountingUpstream(CountingUpstream.Behaviour.HANGS));
            }
            for (int i = 0; i < 6; i++) {
                add("ok-" + i, answering.get(i % 3).apiBase(), endpoints, deployments);
                add("hung-" + i, hanging.get(i % 3).apiBase(), endpoints, deployments);
            }
            String refusing = CountingUpstream.refusing();
            add("refused-0", refusing, endpoints, deployments);
            add("refused-1", refusing, endpoints, deployments);
            runRounds(deployments, endpoints, answering, hanging);
        } finally {
            for (CountingUpstream upstream : Stream.concat(answering.stream(), hanging.stream()).toList()) {
                upstream.close();
            }
        }
    }

    private static void runRounds(List<Deployment> deployments, Map<String, ProviderEndpoint> endpoints,
                                  List<CountingUpstream> answering, List<CountingUpstream> hanging) {
        HealthSettings settings = new HealthSettings(Duration.ofSeconds(30), TIMEOUT, 0, Duration.ZERO, Duration.ofSeconds(5),
                1, 1, false, true, 256, 16, Set.of(ServiceName.DATABASE));
        SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(Clock.systemUTC().instant(), false, false, deployments.size()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (ProviderProbes probes = ProviderProbes.create(endpoints, SecretRedactor.shapesOnly(), OutboundHttp.direct(), ProbeSpend.NONE);
             CheckRoundService rounds = new CheckRoundService(() -> deployments, probes, store, settings, Clock.systemUTC())) {
            // two rounds first: the client's selector thread, carrier threads and pooled connections exist from then on
            rounds.runRound();
            rounds.runRound();
            assertVerdicts(store.current());
            int threadsBaseline = threads.getThreadCount();
            int fdsBaseline = openFileDescriptors();
            int peakHungConnections = 0;
            for (int round = 0; round < ROUNDS; round++) {
                rounds.runRound();
                peakHungConnections = Math.max(peakHungConnections, sum(hanging, CountingUpstream::openConnections));
            }
            assertVerdicts(store.current());
            System.out.printf("no-leak: %d rounds after 2 warm-up rounds; at most %d connections open at the hung upstreams at a round's end%n",
                    ROUNDS, peakHungConnections);
            int hungProbesPerRound = (int) deployments.stream().filter(d -> d.id().startsWith("hung")).count();
            // each round opens a connection per hung probe: only the current and the last round's may still be open
            assertTrue(peakHungConnections <= 2 * hungProbesPerRound,
                    "hung upstreams held " + peakHungConnections + " connections at once over " + ROUNDS + " rounds");
            eventually("the hung upstreams see every abandoned connection closed", () -> sum(hanging, CountingUpstream::openConnections), 0);
            int answeringDeployments = deployments.size() - hungProbesPerRound - 2;
            eventually("pooled connections to answering upstreams stay within one per deployment",
                    () -> sum(answering, CountingUpstream::openConnections), answeringDeployments);
            eventually("platform threads back near " + threadsBaseline, threads::getThreadCount, threadsBaseline + 4);
            if (Files.isDirectory(FDS)) {
                // both ends of a loopback connection are ours: two descriptors per connection
                eventually("open file descriptors back near " + fdsBaseline, NoLeakAcrossRoundsTest::openFileDescriptors,
                        fdsBaseline + 2 * answeringDeployments);
            }
        }
    }

    private static void add(String id, String apiBase, Map<String, ProviderEndpoint> endpoints, List<Deployment> deployments) {
        endpoints.put(id, new ProviderEndpoint("openai", apiBase, "sk-no-leak-test", "gpt-4o", "chat", 16, "", true, 0, 0));
        deployments.add(new Deployment(id, "model-" + id, apiBase, ProbeMode.MODELS));
    }

    private static void assertVerdicts(HealthSnapshot snapshot) {
        assertEquals(14, snapshot.deployments().size());
        for (DeploymentHealth verdict : snapshot.deployments()) {
            assertEquals(verdict.deployment().id().startsWith("ok"), verdict.isHealthy(), verdict.deployment().id() + ": " + verdict.error());
        }
    }

    private static int sum(List<CountingUpstream> upstreams, java.util.function.ToIntFunction<CountingUpstream> count) {
        return upstreams.stream().mapToInt(count).sum();
    }

    private static int openFileDescriptors() {
        try (Stream<Path> fds = Files.list(FDS)) {
            return (int) fds.count();
        } catch (IOException unreadable) {
            throw new AssertionError("cannot list " + FDS, unreadable);
        }
    }

    /** Polls until the count is at most the bound; fails with the last count after {@link #SETTLE}. */
    private static void eventually(String what, IntSupplier count, int atMost) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        int last;
        while ((last = count.getAsInt()) > atMost) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": " + last + " > " + atMost + " after " + SETTLE.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // a poll, not a wait for the state
        }
        System.out.printf("no-leak: %s: %d (bound %d)%n", what, last, atMost);
    }
}
