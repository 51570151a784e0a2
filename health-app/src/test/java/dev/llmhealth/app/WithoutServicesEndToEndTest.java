package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.app.TestConfigs.Model;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Services that are not configured, upstreams that refuse connections, and the edge cases of aggregation. */
class WithoutServicesEndToEndTest {

    @Test
    void noDatabaseOrRedisConfiguredIsNotConfiguredAndStillReady() throws Exception {
        try (FakeProviderServer provider = FakeProviderServer.start(0);
             RunningApp app = RunningApp.start(TestConfigs.config(List.of(
                     new Model("gpt-4", provider.apiBase("healthy")),
                     new Model("refusing", "http://127.0.0.1:" + closedPort() + "/v1")), null, null, 0))) {
            app.awaitReady();

            HttpResponse<String> healthResponse = app.get("/health");
            JsonNode health = RunningApp.parse(healthResponse.body());
            assertEquals(200, healthResponse.statusCode());
            assertEquals("healthy", health.get("status").asText());
            assertEquals("not_configured", health.get("db").asText());
            assertEquals("not_configured", health.get("redis").asText());
            JsonNode refusing = health.get("unhealthy_endpoints").get(0);
            assertEquals("refusing", refusing.get("model").asText());
            assertTrue(refusing.get("error").asText().toLowerCase().contains("refused"), refusing.get("error").asText());

            assertEquals(RunningApp.parse("{\"status\":\"ready\",\"db_initialized\":false,\"router_initialized\":true}"),
                    app.json("/health/readiness"));
            JsonNode services = app.json("/health/services");
            assertEquals("not_configured", services.get("database").get("status").asText());
            assertTrue(services.get("database").get("latency_ms").isNull());
            assertEquals("not_configured", services.get("redis").get("status").asText());
        }
    }

    @Test
    void noHealthyDeploymentAtAllIsUnhealthyWith503() throws Exception {
        try (FakeProviderServer provider = FakeProviderServer.start(0);
             RunningApp app = RunningApp.start(TestConfigs.config(List.of(
                     new Model("broken-a", provider.apiBase("failing")),
                     new Model("broken-b", provider.apiBase("unauthorized"))), null, null, 0))) {
            app.awaitReady();

            HttpResponse<String> response = app.get("/health");
            JsonNode health = RunningApp.parse(response.body());
            assertEquals(503, response.statusCode());
            assertEquals("unhealthy", health.get("status").asText());
            assertEquals(0, health.get("healthy_endpoints").size());
            assertEquals(2, health.get("unhealthy_endpoints").size());
            assertTrue(health.get("unhealthy_reasons").toString().contains("no healthy deployment"));
            assertEquals(200, app.get("/health/liveliness").statusCode(), "liveness never depends on upstreams");
        }
    }

    @Test
    void noDeploymentConfiguredIsReadyAndTheRouterHasZeroModels() {
        try (RunningApp app = RunningApp.start(TestConfigs.config(List.of(), null, null, 0))) {
            app.awaitReady();
            assertEquals(200, app.get("/health").statusCode());
            JsonNode router = app.json("/health/services").get("router");
            assertEquals("initialized", router.get("status").asText());
            assertEquals(0, router.get("models").asInt());
            assertEquals("local", router.get("probe_coordination").asText(), "no Redis: this replica probes on its own");
        }
    }

    /** A port nothing listens on: bound, then released. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
