package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.adapters.probes.testing.TcpFaultProxy;
import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The test command's short version of {@code bench/soak.sh}: steady load on {@code /health} while
 * the database, Redis and a provider fail and come back in turn (the database and Redis behind TCP
 * fault proxies, so the shared servers are never touched). Every request gets an answer (200, or 503
 * while the database is down), every state change lands in the history (written to the database
 * once it is back: nothing lost), and the threads return to where they were.
 */
class ShortSoakTest {

    private static final Duration FAULT_SEEN_WITHIN = Duration.ofSeconds(20);
    private static final int LOAD_THREADS = 4;

    @Test
    void faultsUnderLoadLoseNoRequestAndNoTransition() throws Exception {
        TestServices.Postgres postgres = TestServices.postgres();
        TestServices.Redis redis = TestServices.redis();
        String model = "soak-" + System.nanoTime();
        try (FakeProviderServer provider = FakeProviderServer.start(0);
             TcpFaultProxy database = new TcpFaultProxy(postgres.host(), postgres.port());
             TcpFaultProxy cache = new TcpFaultProxy(redis.host(), redis.port());
             RunningApp app = RunningApp.start(TestConfigs.config(List.of(new TestConfigs.Model(model, provider.apiBase("soak"))),
                     postgres.databaseUrlVia("127.0.0.1", database.port()), "127.0.0.1", cache.port()))) {
            app.awaitReady();
            RunningApp.eventually(FAULT_SEEN_WITHIN, "both services connected", () -> services(app).equals("connected connected"));
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            Instant start = Instant.now();

            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicInteger failures = new AtomicInteger();
            AtomicBoolean loading = new AtomicBoolean(true);
            // the load's own client on virtual threads, closed after: the thread count below is the app's
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            List<Thread> load = new ArrayList<>();
            for (int i = 0; i < LOAD_THREADS; i++) {
                load.add(Thread.ofVirtual().start(() -> {
                    HttpRequest health = HttpRequest.newBuilder(URI.create(app.url("/health"))).timeout(Duration.ofSeconds(5)).build();
                    while (loading.get()) {
                        try {
                            int status = client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
                            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                        } catch (Exception noAnswer) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }

            database.setMode(TcpFaultProxy.Mode.DROP);
            await("the database down", () -> services(app).startsWith("disconnected"));
            database.setMode(TcpFaultProxy.Mode.PASS);
            await("the database back", () -> services(app).startsWith("connected"));
            cache.setMode(TcpFaultProxy.Mode.REFUSE);
            await("Redis down", () -> services(app).endsWith("disconnected"));
            cache.setMode(TcpFaultProxy.Mode.PASS);
            await("Redis back", () -> services(app).endsWith(" connected"));
            provider.behave("soak", FakeProviderServer.Behaviour.FAILING);
            await("the provider down", () -> app.get("/health").body().contains("upstream exploded"));
            provider.behave("soak", FakeProviderServer.Behaviour.HEALTHY);
            await("the provider back", () -> !app.get("/health").body().contains("upstream exploded"));

            loading.set(false);
            for (Thread thread : load) {
                thread.join();
            }
            client.close();
            int served = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
            System.out.printf("short soak: %d requests %s, %d without an answer, 6 faults%n", served, new TreeMap<>(statuses), failures.get());
            assertEquals(0, failures.get(), "every request answered");
            assertEquals(Set.of(200, 503), Set.copyOf(statuses.keySet()), "200, and 503 while the database was down: " + statuses);
            assertTrue(served > 100, "load was applied: " + served);

            List<String> expected = List.of("service database connected->disconnected", "service database disconnected->connected",
                    "service redis connected->disconnected", "service redis disconnected->connected",
                    "deployment " + model + " healthy->unhealthy", "deployment " + model + " unhealthy->healthy");
            await("every transition in the history", () -> transitionsSince(app, start, model).containsAll(expected));
            assertEquals(expected.size(), transitionsSince(app, start, model).size(), "once each: " + transitionsSince(app, start, model));

            RunningApp.eventually(FAULT_SEEN_WITHIN, "threads back near where they were (" + threadsBefore + "): " + threadNames(),
                    () -> ManagementFactory.getThreadMXBean().getThreadCount() <= threadsBefore + 4);
        }
    }

    private static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList();
    }

    private static void await(String what, BooleanSupplier condition) {
        RunningApp.eventually(FAULT_SEEN_WITHIN, what, condition);
    }

    /** "database-status redis-status" as {@code /health/services} says them. */
    private static String services(RunningApp app) {
        JsonNode services = RunningApp.parse(app.get("/health/services").body());
        return services.get("database").get("status").asText() + " " + services.get("redis").get("status").asText();
    }

    /** The transitions this app recorded since {@code start}: its deployment and the services, as "kind subject from->to", oldest first. */
    private static List<String> transitionsSince(RunningApp app, Instant start, String model) {
        String replica = RunningApp.parse(app.get("/health/services").body()).get("router").get("replica").asText();
        JsonNode history = RunningApp.parse(app.get("/health/history?limit=1000&since=" + start).body()).get("transitions");
        List<String> found = new ArrayList<>();
        if (history == null) {
            return found;
        }
        for (JsonNode t : history) {
            String subject = t.get("subject_kind").asText().equals("service") ? t.get("subject").asText() : t.get("model").asText();
            if (t.get("replica").asText().equals(replica)
                    && (subject.equals(model) || t.get("subject_kind").asText().equals("service"))) {
                found.add(t.get("subject_kind").asText() + " " + subject + " " + t.get("from").asText() + "->" + t.get("to").asText());
            }
        }
        return found.reversed();
    }
}
