package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.app.demo.FakeProviderServer;
import dev.llmhealth.app.demo.FakeProviderServer.Behaviour;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} after real traffic of every kind (plain, streamed, failed, cooled down), with a
 * real database and Redis connected:
 * valid for Prometheus's own checker, in both formats, with a host's legacy collectors included,
 * and holding every series the shipped dashboard and alert rules ask for.
 */
class MetricsExpositionTest {

    private static final Set<String> ONLY_AFTER_A_FAILURE = Set.of("litellm_postgres_failed_requests_total",
            "litellm_redis_failed_requests_total");

    private static FakeProviderServer provider;
    private static RunningApp app;

    @BeforeAll
    static void startAndSendTraffic() throws Exception {
        provider = FakeProviderServer.start(0);
        TestServices.Postgres postgres = TestServices.postgres();
        TestServices.Redis redis = TestServices.redis();
        app = RunningApp.start("""
                model_list:
                  - model_name: gpt-4
                    litellm_params: {model: openai/gpt-4o, api_base: "%s", api_key: sk-test-key-metrics}
                    model_info: {id: gpt4-a, input_cost_per_token: 0.000002, output_cost_per_token: 0.000008}
                  - model_name: lonely
                    litellm_params: {model: openai/lonely, api_base: "%s"}
                    model_info: {id: lonely-1}
                general_settings:
                  health_check_interval: 300
                  health_check_timeout: 10
                  interval_jitter_percent: 0
                  service_check_interval: 0.5
                  database_url: %s
                router_settings:
                  redis_host: %s
                  redis_port: %d
                """.formatted(provider.apiBase("healthy"), provider.apiBase("lonely"), postgres.databaseUrl(), redis.host(), redis.port()));
        app.awaitReady();
        provider.usage(12, 5);
        for (int i = 0; i < 3; i++) {
            ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.chat("gpt-4"));
        }
        ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.streamedChat("gpt-4"));
        ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.chat("not-configured"));
        provider.behave("lonely", Behaviour.FAILING);
        for (int i = 0; i < 5; i++) {
            ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.chat("lonely"));
        }
    }

    @AfterAll
    static void stop() {
        app.close();
        provider.close();
    }

    @Test
    void promtoolCheckMetricsAcceptsTheScrapeAfterTraffic() throws Exception {
        Promtool promtool = Promtool.require();
        String scrape = app.get("/metrics").body();

        Promtool.Result check = promtool.run(Optional.of(scrape), "check", "metrics");

        assertEquals(0, check.exitCode(), "promtool check metrics:\n" + check.output());
        assertTrue(scrape.contains("litellm_deployment_cooled_down_total{"), "the scrape covers a cooldown");
    }

    @Test
    void openMetricsIsServedWhenTheAcceptHeaderAsksForIt() {
        HttpResponse<String> response = app.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("application/openmetrics-text"));
        assertTrue(response.body().contains("# TYPE litellm_deployment_success_responses counter"), response.body());
        assertTrue(response.body().contains("litellm_deployment_success_responses_total{"));
        assertTrue(response.body().trim().endsWith("# EOF"));
    }

    @Test
    void aHostsLegacySimpleclientCollectorShowsUpOnTheSameScrape() {
        Counter legacy = Counter.build().name("host_router_retries_total").help("A host proxy's own simpleclient counter")
                .labelNames("route").register(CollectorRegistry.defaultRegistry);
        try {
            legacy.labels("chat").inc(3);

            String scrape = app.get("/metrics").body();

            assertTrue(scrape.contains("host_router_retries_total{route=\"chat\"} 3.0"), scrape);
        } finally {
            CollectorRegistry.defaultRegistry.unregister(legacy);
        }
    }

    @Test
    void theDashboardAndTheAlertRulesOnlyAskForSeriesTheServiceExports() throws Exception {
        MetricsText scrape = MetricsText.parse(app.get("/metrics").body());
        Set<String> exported = scrape.names();
        Path deploy = Promtool.deployDirectory();
        Set<String> asked = new TreeSet<>();
        JsonNode dashboard = RunningApp.JSON.readTree(deploy.resolve("grafana/litellm-health.json").toFile());
        for (JsonNode expression : dashboard.findValues("expr")) {
            asked.addAll(litellmSeries(expression.asText()));
        }
        asked.addAll(litellmSeries(Files.readString(deploy.resolve("prometheus/alerts.yaml"))));

        assertTrue(asked.size() > 15, "the dashboard and alerts ask for " + asked);
        Set<String> missing = new TreeSet<>(asked);
        missing.removeAll(exported);
        missing.removeAll(scrape.labelNames());
        // a failure counter has no series before its first failure; ServiceMetricsEndToEndTest checks these after failures
        missing.removeAll(ONLY_AFTER_A_FAILURE);
        assertEquals(Set.of(), missing, "asked for but not exported");
    }

    private static Set<String> litellmSeries(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\blitellm_[a-z_]+").matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }
}
