package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.app.TestConfigs.Model;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole service over real HTTP: real Helidon, real PostgreSQL and Redis, and real provider
 * servers (in-process) where two deployments answer and one answers HTTP 500.
 */
class HealthEndpointsEndToEndTest {

    private static final Pattern ISO_UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    private static FakeProviderServer provider;
    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        provider = FakeProviderServer.start(0);
        TestServices.Postgres postgres = TestServices.postgres();
        TestServices.Redis redis = TestServices.redis();
        app = RunningApp.start(TestConfigs.config(List.of(
                new Model("gpt-4", provider.apiBase("healthy")),
                new Model("claude-2", provider.apiBase("healthy")),
                new Model("broken-model", provider.apiBase("failing"))),
                postgres.databaseUrl(), redis.host(), redis.port()));
        app.awaitReady();
    }

    @AfterAll
    static void stop() {
        app.close();
        provider.close();
    }

    @Test
    void healthListsTwoHealthyAndOneUnhealthyDeploymentAndIsHealthy() {
        HttpResponse<String> response = app.get("/health");
        JsonNode health = RunningApp.parse(response.body());

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        assertEquals(Set.of("status", "db", "redis", "litellm_version", "healthy_endpoints", "unhealthy_endpoints", "checked_at"),
                fieldNames(health));
        assertEquals("healthy", health.get("status").asText());
        assertEquals("connected", health.get("db").asText());
        assertEquals("connected", health.get("redis").asText());
        assertEquals("1.50.0", health.get("litellm_version").asText());
        assertEquals(Set.of("gpt-4", "claude-2"), models(health.get("healthy_endpoints")));
        for (JsonNode endpoint : health.get("healthy_endpoints")) {
            assertEquals("healthy", endpoint.get("status").asText());
            assertFalse(endpoint.has("error"));
        }
        JsonNode broken = health.get("unhealthy_endpoints").get(0);
        assertEquals(1, health.get("unhealthy_endpoints").size());
        assertEquals("broken-model", broken.get("model").asText());
        assertEquals("unhealthy", broken.get("status").asText());
        assertTrue(broken.get("error").asText().contains("500"), broken.get("error").asText());
        assertTrue(response.headers().firstValue("x-llm-health-version").isPresent());
    }

    @Test
    void readinessIsReadyWithDatabaseAndRouterInitialized() {
        HttpResponse<String> response = app.get("/health/readiness");
        assertEquals(200, response.statusCode());
        assertEquals(RunningApp.parse("{\"status\":\"ready\",\"db_initialized\":true,\"router_initialized\":true}"),
                RunningApp.parse(response.body()));
    }

    @Test
    void livelinessAnswersTheStringImAliveOnBothSpellings() {
        for (String path : List.of("/health/liveliness", "/health/liveness")) {
            HttpResponse<String> response = app.get(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals("\"I'm alive!\"", response.body(), path);
        }
    }

    @Test
    void modelsListsEachDeploymentWithApiBaseStatusAndLastCheck() {
        HttpResponse<String> response = app.get("/health/models");
        JsonNode models = RunningApp.parse(response.body());

        assertEquals(200, response.statusCode());
        assertEquals(Set.of("healthy", "unhealthy"), fieldNames(models));
        assertEquals(Set.of("gpt-4", "claude-2"), models(models.get("healthy")));
        assertEquals(Set.of("broken-model"), models(models.get("unhealthy")));
        for (JsonNode entry : models.get("healthy")) {
            assertTrue(fieldNames(entry).containsAll(Set.of("model", "api_base", "status", "last_check")), entry.toString());
            assertEquals(provider.apiBase("healthy"), entry.get("api_base").asText());
            assertTrue(ISO_UTC.matcher(entry.get("last_check").asText()).matches(), entry.get("last_check").asText());
        }
        assertTrue(models.get("unhealthy").get(0).get("error").asText().contains("500"));
    }

    @Test
    void modelsFiltersByModelName() {
        JsonNode only = app.json("/health/models?model=gpt-4");
        assertEquals(Set.of("gpt-4"), models(only.get("healthy")));
        assertEquals(0, only.get("unhealthy").size());
    }

    @Test
    void servicesShowDatabaseAndRedisConnectedWithNumericLatencyAndTheRouter() {
        HttpResponse<String> response = app.get("/health/services");
        JsonNode services = RunningApp.parse(response.body());

        assertEquals(200, response.statusCode());
        assertEquals(List.of("database", "redis", "router"), fieldList(services));
        for (String name : List.of("database", "redis")) {
            assertEquals("connected", services.get(name).get("status").asText(), name);
            assertTrue(services.get(name).get("latency_ms").isNumber(), services.get(name).toString());
            assertTrue(services.get(name).get("latency_ms").asDouble() >= 0);
        }
        JsonNode router = services.get("router");
        assertEquals(List.of("status", "models", "probe_coordination", "replica"), fieldList(router), "the spec's two, then additive ones");
        assertEquals("initialized", router.get("status").asText());
        assertEquals(3, router.get("models").asInt());
        assertEquals("shared", router.get("probe_coordination").asText(), "Redis is configured: probing is shared");
        assertFalse(router.get("replica").asText().isBlank());
    }

    @Test
    void servicesFiltersByServiceAndRejectsUnknownOnes() {
        JsonNode redisOnly = app.json("/health/services?service=redis");
        assertEquals(List.of("redis"), fieldList(redisOnly));

        HttpResponse<String> unknown = app.get("/health/services?service=kafka");
        assertEquals(400, unknown.statusCode());
        assertTrue(RunningApp.parse(unknown.body()).get("error").get("message").asText().contains("database, redis"));
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        HttpResponse<String> head = app.send("HEAD", "/health");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(String.valueOf(app.get("/health").body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                head.headers().firstValue("content-length").orElseThrow());
        assertEquals(200, app.send("HEAD", "/health/liveliness").statusCode());
    }

    @Test
    void optionsAnswers204WithAllowAndOtherMethods405() {
        HttpResponse<String> options = app.send("OPTIONS", "/health/readiness");
        assertEquals(204, options.statusCode());
        assertEquals("GET, HEAD, OPTIONS", options.headers().firstValue("allow").orElseThrow());

        HttpResponse<String> post = app.send("POST", "/health");
        assertEquals(405, post.statusCode());
        assertEquals("405", RunningApp.parse(post.body()).get("error").get("code").asText());
    }

    @Test
    void unknownPathsAnswerAJson404() {
        HttpResponse<String> response = app.get("/health/nope");
        assertEquals(404, response.statusCode());
        JsonNode error = RunningApp.parse(response.body()).get("error");
        assertEquals("not_found", error.get("type").asText());
        assertFalse(response.body().contains("Exception"));
    }

    @Test
    void metricsExposeDeploymentStateAndServiceUpInPrometheusText() {
        HttpResponse<String> response = app.get("/metrics");
        String text = response.body();

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/plain"));
        assertTrue(text.contains("litellm_deployment_state{api_base=\"" + provider.apiBase("healthy")
                + "\",api_provider=\"openai\",litellm_model_name=\"gpt-4\""), text);
        assertTrue(Pattern.compile("litellm_deployment_state\\{[^}]*litellm_model_name=\"broken-model\"[^}]*} 2\\.0").matcher(text).find(), text);
        assertTrue(text.contains("litellm_health_service_up{service=\"database\"} 1.0"), text);
        assertTrue(text.contains("jvm_memory_used_bytes"), "JVM metrics are included");
        assertFalse(text.contains("sk-test-key"), "no key in any label");
    }

    @Test
    void metricsSpeakOpenMetricsWhenAsked() {
        HttpResponse<String> response = app.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("application/openmetrics-text"));
        assertTrue(response.body().trim().endsWith("# EOF"));
    }

    @Test
    void noResponseCarriesAnApiKey() {
        for (String path : List.of("/health", "/health/models", "/health/services", "/metrics")) {
            assertFalse(app.get(path).body().contains("sk-test-key"), path);
        }
    }

    static Set<String> fieldNames(JsonNode node) {
        return new TreeSet<>(fieldList(node));
    }

    static List<String> fieldList(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Set<String> models(JsonNode entries) {
        Set<String> names = new TreeSet<>();
        entries.forEach(entry -> names.add(entry.get("model").asText()));
        return names;
    }
}
