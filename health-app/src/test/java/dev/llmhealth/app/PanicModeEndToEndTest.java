package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmhealth.app.demo.FakeProviderServer;
import dev.llmhealth.app.demo.FakeProviderServer.Behaviour;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code panic_threshold_percent} in the pass-through: every deployment of a group was found
 * unhealthy by the first round, yet they answer again. Below the threshold the router spreads the
 * calls over all of them instead of refusing every call, and says so in {@code /metrics}.
 */
class PanicModeEndToEndTest {

    private FakeProviderServer provider;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        provider = FakeProviderServer.start(0);
        provider.behave("one", Behaviour.FAILING);
        provider.behave("two", Behaviour.FAILING);
    }

    @AfterEach
    void stop() {
        app.close();
        provider.close();
    }

    private void startApp(String panicThreshold) {
        app = RunningApp.start("""
                model_list:
                  - model_name: gpt-4
                    litellm_params: {model: openai/gpt-4o, api_base: "%s"}
                    model_info: {id: one-1}
                  - model_name: gpt-4
                    litellm_params: {model: openai/gpt-4o, api_base: "%s"}
                    model_info: {id: two-1}
                  - model_name: calm
                    litellm_params: {model: openai/calm, api_base: "%s"}
                    model_info: {id: calm-1}
                general_settings:
                  health_check_interval: 300
                  interval_jitter_percent: 0
                %s
                """.formatted(provider.apiBase("one"), provider.apiBase("two"), provider.apiBase("calm"), panicThreshold.indent(2)));
        app.awaitReady();
        assertEquals(2, app.json("/health/models").get("unhealthy").size());
        // both come back; rounds are 300 s apart, so health still says unhealthy
        provider.behave("one", Behaviour.HEALTHY);
        provider.behave("two", Behaviour.HEALTHY);
    }

    @Test
    void belowTheDefaultThresholdCallsAreSpreadOverAllDeploymentsAndPanicModeShowsInMetrics() {
        startApp("");
        int one = provider.calls("one", "/chat/completions");
        int two = provider.calls("two", "/chat/completions");

        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.chat("gpt-4"));
            assertEquals(200, response.statusCode(), response.body());
        }
        assertEquals(200, ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.chat("calm")).statusCode());

        assertEquals(2, provider.calls("one", "/chat/completions") - one, "spread over both deployments");
        assertEquals(2, provider.calls("two", "/chat/completions") - two, "spread over both deployments");
        MetricsText metrics = ProxyCalls.metrics(app);
        assertEquals(1, metrics.sum("litellm_health_panic_mode", Map.of("model_group", "gpt-4")));
        assertEquals(0, metrics.sum("litellm_health_panic_mode", Map.of("model_group", "calm")));
    }

    @Test
    void withTheThresholdAtZeroAGroupWithNoHealthyDeploymentRefusesCalls() {
        startApp("panic_threshold_percent: 0");

        HttpResponse<String> response = ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.chat("gpt-4"));

        assertEquals(503, response.statusCode(), response.body());
        assertEquals(0, ProxyCalls.metrics(app).sum("litellm_health_panic_mode", Map.of("model_group", "gpt-4")));
    }
}
