package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmhealth.app.demo.FakeProviderServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code health_check_daily_budget} of a few cents: each completion probe of {@code paid} costs
 * 0.01 USD (1 + 1 tokens at 0.005 each), so after three of them its probes are free model listings
 * for the rest of the UTC day, while a models-mode deployment is probed as before.
 */
class ProbeBudgetEndToEndTest {

    private FakeProviderServer provider;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        provider = FakeProviderServer.start(0);
        app = RunningApp.start("""
                model_list:
                  - model_name: paid
                    litellm_params: {model: openai/gpt-4o, api_base: "%s", input_cost_per_token: 0.005, output_cost_per_token: 0.005}
                    model_info: {id: paid-1, health_check_mode: completion}
                  - model_name: listed
                    litellm_params: {model: openai/listed, api_base: "%s"}
                    model_info: {id: listed-1}
                general_settings:
                  health_check_interval: 1
                  interval_jitter_percent: 0
                  health_check_timeout: 2
                  health_check_daily_budget: 0.03
                """.formatted(provider.apiBase("paid"), provider.apiBase("listed")));
        app.awaitReady();
    }

    @AfterEach
    void stop() {
        app.close();
        provider.close();
    }

    @Test
    void onceTheBudgetIsReachedCompletionProbesStopAndModelsProbesGoOn() {
        // 3 paid rounds, then 2 more: about 5 s at a 1 s interval; bound about three times that
        RunningApp.eventually(Duration.ofSeconds(15), "two models probes of paid after the budget was reached",
                () -> provider.calls("paid", "/models") >= 2);
        int listed = provider.calls("listed", "/models");

        assertEquals(3, provider.calls("paid", "/chat/completions"), "three completion probes spent the 0.03 USD");
        RunningApp.eventually(Duration.ofSeconds(6), "the models-mode deployment still probed every interval",
                () -> provider.calls("listed", "/models") >= listed + 2);
        assertEquals(3, provider.calls("paid", "/chat/completions"), "no completion probe once the budget is reached");
        MetricsText metrics = ProxyCalls.metrics(app);
        assertEquals(1, metrics.sum("litellm_health_probe_budget_reached", Map.of()));
        // each completion probe of the fake provider uses 1 prompt and 1 completion token at 0.005 USD each
        assertEquals(3, metrics.sum("litellm_health_probe_tokens_total", Map.of("model_id", "paid-1", "direction", "input")));
        assertEquals(3, metrics.sum("litellm_health_probe_tokens_total", Map.of("model_id", "paid-1", "direction", "output")));
        assertEquals(0.03, metrics.sum("litellm_health_probe_spend_total", Map.of("model_id", "paid-1")), 1e-9);
        assertEquals(2, app.json("/health/models").get("healthy").size(), "a models probe still proves paid reachable");
    }
}
