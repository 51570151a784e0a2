package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.adapters.probes.testing.TcpFaultProxy;
import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.app.TestConfigs.Model;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's {@code prometheus_system} service metrics against the real PostgreSQL and Redis, each
 * behind a TCP fault proxy (the shared servers are never touched): every service check raises
 * {@code litellm_<service>_total_requests} and, when it succeeds, the latency histogram's count; a
 * check that fails raises {@code litellm_<service>_failed_requests} with its error class instead.
 */
class ServiceMetricsEndToEndTest {

    /** Service interval 0.5 s + timeout 1 s + 1 s grace, three times over for a shared machine. */
    private static final Duration A_FEW_CHECKS = Duration.ofMillis(3 * 2500);
    private static final Map<String, String> POSTGRES = Map.of("postgres", "postgres");
    private static final Map<String, String> REDIS = Map.of("redis", "redis");

    @Test
    void eachCheckRaisesTheCountersAndTheHistogramOfBothServices() throws Exception {
        try (Services services = Services.start()) {
            MetricsText before = services.scrape();
            RunningApp.eventually(A_FEW_CHECKS, "two more checks of each service", () -> {
                MetricsText now = services.scrape();
                return rose(before, now, "litellm_postgres_total_requests_total", POSTGRES, 2)
                        && rose(before, now, "litellm_postgres_latency_count", POSTGRES, 2)
                        && rose(before, now, "litellm_redis_total_requests_total", REDIS, 2)
                        && rose(before, now, "litellm_redis_latency_count", REDIS, 2);
            });
            MetricsText after = services.scrape();
            // while nothing fails, each check is one success: total and the histogram's count move together
            // (a check that failed while the app was still warming up, before the first scrape, does not count here)
            assertEquals(delta(before, after, "litellm_redis_total_requests_total", REDIS),
                    delta(before, after, "litellm_redis_latency_count", REDIS), 1.0, "at most one check apart within one scrape");
            assertEquals(delta(before, after, "litellm_postgres_total_requests_total", POSTGRES),
                    delta(before, after, "litellm_postgres_latency_count", POSTGRES), 1.0, "at most one check apart within one scrape");
            assertEquals(0, delta(before, after, "litellm_redis_failed_requests_total", REDIS));
            assertEquals(0, delta(before, after, "litellm_postgres_failed_requests_total", POSTGRES));
            double slowest = after.sum("litellm_redis_latency_bucket", Map.of("redis", "redis", "le", "+Inf"));
            double underTenSeconds = after.sum("litellm_redis_latency_bucket", Map.of("redis", "redis", "le", "10.0"));
            assertEquals(slowest, underTenSeconds, "latencies are in seconds: a local PING is far below 10 (not 10 ms as a number)");
        }
    }

    @Test
    void aRefusedServiceRaisesFailedRequestsWithItsErrorClassAndNoLatency() throws Exception {
        try (Services services = Services.start()) {
            services.redisProxy.setMode(TcpFaultProxy.Mode.REFUSE);
            Map<String, String> refused = Map.of("redis", "redis", "error_class", "ConnectionRefusedError", "function_name", "async_ping");
            RunningApp.eventually(A_FEW_CHECKS, "a refused Redis check counted as failed",
                    () -> services.scrape().sum("litellm_redis_failed_requests_total", refused) >= 1);
            MetricsText first = services.scrape();
            RunningApp.eventually(A_FEW_CHECKS, "two more failed checks",
                    () -> rose(first, services.scrape(), "litellm_redis_failed_requests_total", refused, 2));
            MetricsText later = services.scrape();

            assertTrue(rose(first, later, "litellm_redis_total_requests_total", REDIS, 2), "a failure is a request too");
            assertEquals(first.sum("litellm_redis_latency_count", REDIS), later.sum("litellm_redis_latency_count", REDIS),
                    "a failed check observes no latency, as in LiteLLM");
            assertEquals(0, later.sum("litellm_postgres_failed_requests_total", POSTGRES), "the database is unaffected");

            services.postgresProxy.setMode(TcpFaultProxy.Mode.REFUSE);
            RunningApp.eventually(A_FEW_CHECKS, "a refused database check counted as failed",
                    () -> services.scrape().sum("litellm_postgres_failed_requests_total",
                            Map.of("postgres", "postgres", "function_name", "health_check")) >= 1);
            Set<String> classes = new TreeSet<>();
            services.scrape().matching("litellm_postgres_failed_requests_total", POSTGRES)
                    .forEach(sample -> classes.add(sample.labels().get("error_class")));
            // the pool's open connection is cut (ConnectionError), new ones are refused, or the pool's wait runs out
            assertTrue(!classes.isEmpty() && Set.of("ConnectionRefusedError", "ConnectionError", "TimeoutError").containsAll(classes),
                    "error classes " + classes);

            services.redisProxy.setMode(TcpFaultProxy.Mode.PASS);
            double latencyBefore = services.scrape().sum("litellm_redis_latency_count", REDIS);
            RunningApp.eventually(A_FEW_CHECKS.multipliedBy(2), "successful Redis checks again after the fault cleared",
                    () -> services.scrape().sum("litellm_redis_latency_count", REDIS) > latencyBefore);
        }
    }

    @Test
    void theScrapeWithFailuresOfBothServicesPassesPromtool() throws Exception {
        Promtool promtool = Promtool.require();
        String scrape = scrapeAfterFailuresOfBothServices();

        Promtool.Result check = promtool.run(Optional.of(scrape), "check", "metrics");

        assertEquals(0, check.exitCode(), "promtool check metrics:\n" + check.output());
    }

    @Test
    void theDashboardsServicePanelsAskForLiteLlmsNamesAndEachIsExported() throws Exception {
        Set<String> exported = MetricsText.parse(scrapeAfterFailuresOfBothServices()).names();
        Set<String> asked = new TreeSet<>();
        JsonNode dashboard = RunningApp.JSON.readTree(Promtool.deployDirectory().resolve("grafana/litellm-health.json").toFile());
        for (JsonNode expression : dashboard.findValues("expr")) {
            Matcher matcher = Pattern.compile("\\blitellm_(postgres|redis)_[a-z_]+").matcher(expression.asText());
            while (matcher.find()) {
                asked.add(matcher.group());
            }
        }

        // the names LiteLLM's own dashboard (cookbook/.../dashboard_all_metrics) queries
        assertEquals(Set.of("litellm_postgres_failed_requests_total", "litellm_postgres_latency_bucket",
                "litellm_postgres_total_requests_total", "litellm_redis_failed_requests_total", "litellm_redis_latency_bucket",
                "litellm_redis_total_requests_total"), asked);
        Set<String> missing = new TreeSet<>(asked);
        missing.removeAll(exported);
        assertEquals(Set.of(), missing, "asked for by the dashboard but not exported");
    }

    /** A scrape taken once checks of both services have failed and succeeded, so every series exists. */
    private static String scrapeAfterFailuresOfBothServices() throws Exception {
        try (Services services = Services.start()) {
            RunningApp.eventually(A_FEW_CHECKS, "successful checks of both services", () -> {
                MetricsText now = services.scrape();
                return now.sum("litellm_redis_latency_count", REDIS) >= 1 && now.sum("litellm_postgres_latency_count", POSTGRES) >= 1;
            });
            services.redisProxy.setMode(TcpFaultProxy.Mode.REFUSE);
            services.postgresProxy.setMode(TcpFaultProxy.Mode.REFUSE);
            RunningApp.eventually(A_FEW_CHECKS, "failures of both services counted", () -> {
                MetricsText now = services.scrape();
                return now.sum("litellm_redis_failed_requests_total", REDIS) >= 1
                        && now.sum("litellm_postgres_failed_requests_total", POSTGRES) >= 1;
            });
            return services.app.get("/metrics").body();
        }
    }

    private static boolean rose(MetricsText before, MetricsText after, String name, Map<String, String> labels, double by) {
        return delta(before, after, name, labels) >= by;
    }

    private static double delta(MetricsText before, MetricsText after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    /** The app with PostgreSQL and Redis each reached through its own fault proxy. */
    private record Services(FakeProviderServer provider, TcpFaultProxy postgresProxy, TcpFaultProxy redisProxy, RunningApp app)
            implements AutoCloseable {

        static Services start() throws Exception {
            TestServices.Postgres postgres = TestServices.postgres();
            TestServices.Redis redis = TestServices.redis();
            FakeProviderServer provider = FakeProviderServer.start(0);
            TcpFaultProxy postgresProxy = new TcpFaultProxy(postgres.host(), postgres.port());
            TcpFaultProxy redisProxy = new TcpFaultProxy(redis.host(), redis.port());
            RunningApp app = RunningApp.start(TestConfigs.config(List.of(new Model("gpt-4", provider.apiBase("healthy"))),
                    postgres.databaseUrlVia("127.0.0.1", postgresProxy.port()), "127.0.0.1", redisProxy.port()));
            Services services = new Services(provider, postgresProxy, redisProxy, app);
            try {
                app.awaitReady();
            } catch (RuntimeException | AssertionError notReady) {
                services.close();
                throw notReady;
            }
            return services;
        }

        MetricsText scrape() {
            return MetricsText.parse(app.get("/metrics").body());
        }

        @Override
        public void close() throws Exception {
            app.close();
            redisProxy.close();
            postgresProxy.close();
            provider.close();
        }
    }
}
