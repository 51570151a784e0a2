import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For bench/probe-calls-per-hour.sh (a single-file program: java -cp health-app.jar ProbeCallsHarness.java ...):
 * the demo's FakeProviderServer on 127.0.0.1, counting calls per path, plus steady pass-through traffic to the
 * apps under test and a control port that reports both.
 *
 * Args: FAKE_PORT CONTROL_PORT DEPLOYMENTS PERIOD_MS MAX_SECONDS then one APP_PORT:SEGMENT_PREFIX:TRAFFIC_GROUPS per app.
 * Deployment i (1..DEPLOYMENTS) of an app has api_base http://127.0.0.1:FAKE_PORT/PREFIXi/v1 and model_name group-i;
 * groups 1..TRAFFIC_GROUPS get one POST /v1/chat/completions every PERIOD_MS through that app.
 * GET /counts?prefix=P answers "models=N chat=M" (calls the fake received on PREFIXi/v1/models and .../chat/completions);
 * GET /traffic?prefix=P answers "sent=N ok=M failed=F groups_ok=G" (G: groups whose latest call succeeded).
 * Stops by itself after MAX_SECONDS.
 */
public final class ProbeCallsHarness {

    record App(int port, String prefix, int trafficGroups, AtomicLong sent, AtomicLong ok, AtomicLong failed, Set<Integer> groupsOk) {
    }

    public static void main(String[] args) throws Exception {
        int fakePort = Integer.parseInt(args[0]);
        int controlPort = Integer.parseInt(args[1]);
        int deployments = Integer.parseInt(args[2]);
        Duration period = Duration.ofMillis(Long.parseLong(args[3]));
        Duration max = Duration.ofSeconds(Long.parseLong(args[4]));
        Map<String, App> apps = new TreeMap<>();
        for (int i = 5; i < args.length; i++) {
            String[] p = args[i].split(":");
            apps.put(p[1], new App(Integer.parseInt(p[0]), p[1], Integer.parseInt(p[2]), new AtomicLong(), new AtomicLong(),
                    new AtomicLong(), ConcurrentHashMap.newKeySet()));
        }
        FakeProviderServer fake = FakeProviderServer.start(fakePort);
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), controlPort), 16);
        control.createContext("/counts", exchange -> {
            String prefix = query(exchange);
            long models = 0;
            long chat = 0;
            for (int i = 1; i <= deployments; i++) {
                models += fake.calls(prefix + i, "/models");
                chat += fake.calls(prefix + i, "/chat/completions");
            }
            answer(exchange, "models=" + models + " chat=" + chat);
        });
        control.createContext("/traffic", exchange -> {
            App app = apps.get(query(exchange));
            answer(exchange, app == null ? "unknown prefix" : "sent=" + app.sent() + " ok=" + app.ok() + " failed=" + app.failed()
                    + " groups_ok=" + app.groupsOk().size());
        });
        control.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        control.start();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        long end = System.nanoTime() + max.toNanos();
        for (App app : apps.values()) {
            for (int group = 1; group <= app.trafficGroups(); group++) {
                int g = group;
                // spread the groups over the period, so the traffic is steady rather than in bursts
                long offset = period.toNanos() * (g - 1) / app.trafficGroups();
                senders.submit(() -> sendSteadily(http, app, g, period, offset, end));
            }
        }
        System.out.println("ready fake_port=" + fake.port() + " control_port=" + controlPort);
        System.out.flush();
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            senders.shutdownNow();
            control.stop(0);
            fake.close();
            forever.countDown();
        }));
        long left = end - System.nanoTime();
        forever.await(Math.max(0, left), java.util.concurrent.TimeUnit.NANOSECONDS);
        System.exit(0);
    }

    private static void sendSteadily(HttpClient http, App app, int group, Duration period, long offsetNanos, long end) {
        long next = System.nanoTime() + offsetNanos;
        String body = "{\"model\":\"group-" + group + "\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}],\"max_tokens\":1}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(Duration.ofNanos(Math.max(0, next - System.nanoTime()))); // pacing the load, not waiting for state
                next += period.toNanos();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                app.sent().incrementAndGet();
                if (response.statusCode() == 200) {
                    app.ok().incrementAndGet();
                    app.groupsOk().add(group);
                } else {
                    app.failed().incrementAndGet();
                    app.groupsOk().remove(group);
                }
            } catch (IOException notUpYet) {
                // the app is not listening yet (or went away): not counted as traffic sent
                next = System.nanoTime() + period.toNanos();
            } catch (InterruptedException stopped) {
                return;
            }
        }
    }

    private static String query(HttpExchange exchange) {
        String q = exchange.getRequestURI().getQuery();
        return q == null ? "" : q.replaceFirst("^prefix=", "");
    }

    private static void answer(HttpExchange exchange, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
