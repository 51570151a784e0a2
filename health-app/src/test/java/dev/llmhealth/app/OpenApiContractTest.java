package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.adapters.http.HealthEndpoints;
import dev.llmhealth.adapters.http.ui.StatusPageRoutes;
import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.app.TestConfigs.Model;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml against the live answers of the started app: every path the app serves is
 * documented, and each answer (healthy and unhealthy, with and without the master key, errors too)
 * has a documented status and content type and a body whose required fields, types, enum values and
 * property names match its schema.
 */
class OpenApiContractTest {

    private static final String KEY = "sk-openapi-test-key";

    private static OpenApiSchema spec;
    private static FakeProviderServer provider;
    /** Real PostgreSQL and Redis, healthy and failing deployments, no master key. */
    private static RunningApp healthy;
    /** An unreachable database, a failing deployment only, a master key. */
    private static RunningApp unhealthy;

    @BeforeAll
    static void start() throws Exception {
        spec = OpenApiSchema.load();
        provider = FakeProviderServer.start(0);
        TestServices.Postgres postgres = TestServices.postgres();
        TestServices.Redis redis = TestServices.redis();
        healthy = RunningApp.start(TestConfigs.config(List.of(
                new Model("gpt-4", provider.apiBase("healthy")),
                new Model("broken-model", provider.apiBase("failing"))),
                postgres.databaseUrl(), redis.host(), redis.port()));
        unhealthy = RunningApp.start(TestConfigs.config(List.of(new Model("broken-model", provider.apiBase("failing"))),
                "postgresql://postgres@127.0.0.1:1/test", null, 0) + "  master_key: " + KEY + "\n");
        healthy.awaitReady();
        // a cold JVM's first probe may time out: wait for the round that finds gpt-4 healthy
        RunningApp.eventually(Duration.ofSeconds(30), "gpt-4 healthy", () -> healthy.get("/health").statusCode() == 200);
        RunningApp.eventually(Duration.ofSeconds(30), "the unhealthy app's first round",
                () -> unhealthy.get("/health/models", "Authorization", "Bearer " + KEY).body().contains("broken-model"));
    }

    @AfterAll
    static void stop() {
        if (healthy != null) {
            healthy.close();
        }
        if (unhealthy != null) {
            unhealthy.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void everyPathTheAppServesIsDocumentedAndNoRefDangles() {
        Set<String> served = new HashSet<>();
        Arrays.stream(HealthEndpoints.Endpoint.values()).forEach(e -> served.add(e.path()));
        served.addAll(StatusPageRoutes.PATHS);
        Set<String> documented = new HashSet<>();
        spec.document.path("paths").fieldNames().forEachRemaining(documented::add);
        assertEquals(served, documented);
        for (String ref : spec.refs()) {
            assertTrue(!spec.document.at(ref.substring(1)).isMissingNode(), "dangling " + ref);
        }
    }

    @Test
    void theHealthyAppsAnswersMatchTheSchema() {
        List<String> problems = new ArrayList<>();
        expect(problems, healthy, "/health", "/health", 200);
        expect(problems, healthy, "/health", "/health?model=gpt-4", 200);
        expect(problems, healthy, "/health", "/health?model=broken-model", 503);
        expect(problems, healthy, "/health", "/health?model=no-such-model", 404);
        expect(problems, healthy, "/health/readiness", "/health/readiness", 200);
        expect(problems, healthy, "/health/liveliness", "/health/liveliness", 200);
        expect(problems, healthy, "/health/liveness", "/health/liveness", 200);
        expect(problems, healthy, "/health/models", "/health/models", 200);
        expect(problems, healthy, "/health/models", "/health/models?model=gpt-4", 200);
        expect(problems, healthy, "/health/services", "/health/services", 200);
        expect(problems, healthy, "/health/services", "/health/services?service=redis", 200);
        expect(problems, healthy, "/health/services", "/health/services?service=nope", 400);
        expect(problems, healthy, "/health/history", "/health/history", 200);
        expect(problems, healthy, "/health/history", "/health/history?limit=0", 400);
        expect(problems, healthy, "/health/ui", "/health/ui", 200);
        expect(problems, healthy, "/health/ui/state", "/health/ui/state", 200);
        expect(problems, healthy, "/health/uptime", "/health/uptime", 200);
        expect(problems, healthy, "/health/uptime", "/health/uptime?window=7d&model=gpt-4", 200);
        expect(problems, healthy, "/health/uptime", "/health/uptime?window=1y", 400);
        expect(problems, healthy, "/metrics", "/metrics", 200);
        expect(problems, healthy, "/metrics", "/metrics", 200, "Accept", "application/openmetrics-text; version=1.0.0");
        assertEquals(List.of(), problems);
    }

    @Test
    void theUnhealthyAppsAnswersMatchTheSchema() {
        List<String> problems = new ArrayList<>();
        String[] auth = {"Authorization", "Bearer " + KEY};
        expect(problems, unhealthy, "/health", "/health", 503, auth);
        expect(problems, unhealthy, "/health", "/health", 503);
        expect(problems, unhealthy, "/health/readiness", "/health/readiness", 503);
        expect(problems, unhealthy, "/health/models", "/health/models", 200, auth);
        expect(problems, unhealthy, "/health/models", "/health/models", 401);
        expect(problems, unhealthy, "/health/services", "/health/services", 503, auth);
        expect(problems, unhealthy, "/health/services", "/health/services", 401);
        expect(problems, unhealthy, "/health/history", "/health/history", 503, auth);
        expect(problems, unhealthy, "/health/history", "/health/history", 401);
        expect(problems, unhealthy, "/health/liveliness", "/health/liveliness", 200);
        expect(problems, unhealthy, "/health/ui/state", "/health/ui/state", 200, auth);
        expect(problems, unhealthy, "/health/ui/state", "/health/ui/state", 200);
        expect(problems, unhealthy, "/health/uptime", "/health/uptime", 503, auth);
        expect(problems, unhealthy, "/health/uptime", "/health/uptime", 401);
        assertEquals(List.of(), problems);

        // the unhealthy answers carry the optional fields the schema documents
        JsonNode health = RunningApp.parse(unhealthy.get("/health", auth).body());
        assertTrue(health.has("unhealthy_reasons"), health.toString());
        assertTrue(health.path("unhealthy_endpoints").path(0).has("error"), health.toString());
        JsonNode services = RunningApp.parse(unhealthy.get("/health/services", auth).body());
        assertTrue(services.path("database").path("latency_ms").isNull(), services.toString());
        assertEquals("disconnected", services.path("database").path("status").asText());
    }

    @Test
    void theSchemaCatchesADeviation() {
        JsonNode schema = spec.responseSchema("/health/readiness", 200, "application/json");
        assertTrue(!spec.violations(RunningApp.parse("{\"status\": \"maybe\", \"db_initialized\": true, \"router_initialized\": true}"),
                schema).isEmpty(), "an enum value outside the schema");
        assertTrue(!spec.violations(RunningApp.parse("{\"status\": \"ready\", \"db_initialized\": \"yes\", \"router_initialized\": true}"),
                schema).isEmpty(), "a wrong type");
        assertTrue(!spec.violations(RunningApp.parse("{\"status\": \"ready\", \"router_initialized\": true}"), schema).isEmpty(),
                "a missing required field");
    }

    private static void expect(List<String> problems, RunningApp app, String documentedPath, String request, int status,
                               String... headers) {
        HttpResponse<String> response = app.get(request, headers);
        String what = "GET " + request + (headers.length > 0 ? " " + headers[0] : "");
        if (response.statusCode() != status) {
            problems.add(what + ": expected " + status + ", got " + response.statusCode() + " " + response.body());
            return;
        }
        String contentType = response.headers().firstValue("content-type").orElse("");
        JsonNode schema;
        try {
            schema = spec.responseSchema(documentedPath, status, contentType);
        } catch (AssertionError undocumented) {
            problems.add(what + ": " + undocumented.getMessage());
            return;
        }
        if (!response.headers().firstValue(HealthEndpoints.VERSION_HEADER).isPresent()) {
            problems.add(what + ": no " + HealthEndpoints.VERSION_HEADER);
        }
        JsonNode body;
        if (contentType.startsWith("application/json")) {
            body = RunningApp.parse(response.body());
        } else {
            body = RunningApp.JSON.getNodeFactory().textNode(response.body());
        }
        spec.violations(body, schema).forEach(v -> problems.add(what + " " + v));
    }
}
