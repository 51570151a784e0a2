package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.app.demo.FakeProviderServer;
import dev.llmhealth.app.demo.FakeProviderServer.Behaviour;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An upstream that starts failing under real traffic: the pass-through fails over, and passive
 * health takes the deployment out long before the next probe round (rounds are 300 s apart here).
 */
class PassiveHealthEndToEndTest {

    private FakeProviderServer provider;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        provider = FakeProviderServer.start(0);
        app = RunningApp.start("""
                model_list:
                  - model_name: gpt-4
                    litellm_params: {model: openai/gpt-4o, api_base: "%s", api_key: sk-flaky-key-0001}
                    model_info: {id: flaky-1}
                  - model_name: gpt-4
                    litellm_params: {model: openai/gpt-4o, api_base: "%s", api_key: sk-steady-key-0002}
                    model_info: {id: steady-1}
                  - model_name: lonely
                    litellm_params: {model: openai/lonely, api_base: "%s"}
                    model_info: {id: lonely-1}
                general_settings:
                  health_check_interval: 300
                  health_check_timeout: 10
                  interval_jitter_percent: 0
                  # no panic mode: a lonely group whose only deployment is cooled down refuses calls (503)
                  panic_threshold_percent: 0
                router_settings:
                  allowed_fails: 3
                  cooldown_time: 600
                """.formatted(provider.apiBase("flaky"), provider.apiBase("steady"), provider.apiBase("lonely")));
        app.awaitReady();
    }

    @AfterEach
    void stop() {
        app.close();
        provider.close();
    }

    @Test
    void aDeploymentFailingUnderTrafficIsTakenOutByPassiveHealthWhileFailoverKeepsClientsServed() {
        assertEquals(3, app.json("/health/models").get("healthy").size(), "the first round found every deployment healthy");
        int probeCalls = provider.calls("flaky");
        provider.behave("flaky", Behaviour.FAILING);

        for (int i = 0; i < 8; i++) {
            HttpResponse<String> response = ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.chat("gpt-4"));
            assertEquals(200, response.statusCode(), "failover answers every request: " + response.body());
            assertEquals("steady-1", response.headers().firstValue("x-litellm-model-id").orElseThrow());
        }

        JsonNode flaky = entry(app.json("/health/models").get("unhealthy"), "flaky-1");
        assertEquals("traffic", flaky.get("source").asText());
        assertEquals("unhealthy", flaky.get("status").asText());
        assertTrue(flaky.get("error").asText().contains("more than 3 failed calls within 60 s"), flaky.get("error").asText());
        assertTrue(flaky.get("error").asText().contains("HTTP 500"), flaky.get("error").asText());
        assertEquals("traffic", entry(app.json("/health").get("unhealthy_endpoints"), "flaky-1").get("source").asText());
        assertEquals(probeCalls + 4, provider.calls("flaky"), "round robin sent it every other request until the 4th failure");

        for (int i = 0; i < 4; i++) {
            assertEquals(200, ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.chat("gpt-4")).statusCode());
        }
        assertEquals(probeCalls + 4, provider.calls("flaky"), "in cooldown it takes no traffic");

        MetricsText metrics = ProxyCalls.metrics(app);
        assertEquals(1, metrics.sum("litellm_deployment_cooled_down_total", Map.of("model_id", "flaky-1", "exception_status", "500")));
        assertEquals(4, metrics.sum("litellm_deployment_failure_responses_total", Map.of("model_id", "flaky-1", "requested_model", "gpt-4",
                "exception_status", "500", "exception_class", "Openai.InternalServerError")));
        assertEquals(12, metrics.sum("litellm_deployment_success_responses_total", Map.of("model_id", "steady-1")));
        assertEquals(12, metrics.sum("litellm_proxy_total_requests_metric_total", Map.of("requested_model", "gpt-4", "status_code", "200")));
        assertEquals(0, metrics.sum("litellm_proxy_failed_requests_metric_total", Map.of("requested_model", "gpt-4")));
        assertEquals(2, metrics.sum("litellm_deployment_state", Map.of("model_id", "flaky-1")));
        assertEquals(0, metrics.sum("litellm_deployment_state", Map.of("model_id", "steady-1")));
    }

    @Test
    void whenTheOnlyDeploymentFailsTheClientGetsItsErrorThenNoDeploymentOnceItIsCooledDown() {
        provider.behave("lonely", Behaviour.FAILING);

        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.chat("lonely"));
            assertEquals(500, response.statusCode());
            String message = RunningApp.parse(response.body()).at("/error/message").asText();
            assertTrue(message.contains("upstream exploded") && message.contains("HTTP 500"), message);
        }
        HttpResponse<String> cooledDown = ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.chat("lonely"));

        assertEquals(503, cooledDown.statusCode());
        assertTrue(cooledDown.body().contains("No healthy deployment"), cooledDown.body());
        MetricsText metrics = ProxyCalls.metrics(app);
        assertEquals(4, metrics.sum("litellm_proxy_failed_requests_metric_total",
                Map.of("requested_model", "lonely", "exception_status", "500", "exception_class", "InternalServerError")));
        assertEquals(1, metrics.sum("litellm_proxy_failed_requests_metric_total",
                Map.of("requested_model", "lonely", "exception_status", "503")));
        assertEquals(5, metrics.sum("litellm_proxy_total_requests_metric_total", Map.of("requested_model", "lonely")));
        assertEquals("traffic", entry(app.json("/health/models").get("unhealthy"), "lonely-1").get("source").asText());
    }

    private static JsonNode entry(JsonNode entries, String modelId) {
        for (JsonNode entry : entries) {
            if (entry.get("model_id").asText().equals(modelId)) {
                return entry;
            }
        }
        throw new AssertionError("no entry for " + modelId + " in " + entries);
    }
}
