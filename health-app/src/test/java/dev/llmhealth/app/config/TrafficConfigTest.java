package dev.llmhealth.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmhealth.domain.model.PassiveHealthSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The knobs real traffic needs: per-token prices, the upstream model name, LiteLLM's cooldown settings, the request timeout. */
class TrafficConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void pricesComeFromLitellmParamsOrModelInfoAndTheForwardedModelDropsTheProviderPrefix() {
        ProxyConfig config = loader.parse("""
                model_list:
                  - model_name: gpt-4
                    litellm_params: {model: openai/gpt-4o, input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001}
                  - model_name: local
                    litellm_params: {model: hosted_vllm/llama-3, api_base: "http://10.0.0.5:8000/v1", health_check_model: tiny}
                    model_info: {input_cost_per_token: 0.5, output_cost_per_token: 2}
                  - model_name: free
                    litellm_params: {model: gpt-4o-mini}
                """);

        ModelEntry gpt4 = config.models().get(0);
        assertEquals("gpt-4o", gpt4.forwardedModel());
        assertEquals(0.0000025, gpt4.inputCostPerToken());
        assertEquals(0.00001, gpt4.outputCostPerToken());
        ModelEntry local = config.models().get(1);
        assertEquals("llama-3", local.forwardedModel(), "health_check_model is for probes only");
        assertEquals("tiny", local.upstreamModel());
        assertEquals(0.5 * 10 + 2 * 3, local.cost(10, 3));
        assertEquals(0, config.models().get(2).cost(100, 100), "no prices: no spend");
        assertEquals("gpt-4o-mini", config.models().get(2).forwardedModel());
    }

    @Test
    void aNegativeOrNonNumericPriceIsRefusedNamingTheKey() {
        ConfigException negative = assertThrows(ConfigException.class, () -> loader.parse(
                "model_list: [{model_name: a, litellm_params: {model: openai/a}, model_info: {input_cost_per_token: -1}}]"));
        assertEquals("model_list[0].model_info.input_cost_per_token: must be a price per token of 0 or more, e.g. 0.0000025",
                negative.getMessage());
        assertThrows(ConfigException.class, () -> loader.parse(
                "model_list: [{model_name: a, litellm_params: {model: openai/a, output_cost_per_token: cheap}}]"));
    }

    @Test
    void passiveHealthUsesLiteLlmsRouterSettingsAndDefaults() {
        assertEquals(PassiveHealthSettings.defaults(), loader.parse("").passiveHealth());

        PassiveHealthSettings tuned = loader.parse("""
                router_settings:
                  allowed_fails: 1
                  cooldown_time: 30
                  max_cooldown_time: 120
                """).passiveHealth();
        assertEquals(new PassiveHealthSettings(true, 1, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(120)), tuned);

        assertEquals(Duration.ofSeconds(600), loader.parse("router_settings: {cooldown_time: 600}").passiveHealth().maxCooldownTime(),
                "a cooldown longer than the default cap raises the cap");
        assertFalse(loader.parse("router_settings: {disable_cooldowns: true}").passiveHealth().enabled());
        ConfigException inverted = assertThrows(ConfigException.class,
                () -> loader.parse("router_settings: {cooldown_time: 60, max_cooldown_time: 10}"));
        assertEquals("router_settings: max_cooldown_time must be at least cooldown_time", inverted.getMessage());
    }

    @Test
    void theRequestTimeoutIsLiteLlmsRequestTimeoutDefaulting600Seconds() {
        assertEquals(Duration.ofSeconds(600), loader.parse("").requestTimeout());
        assertEquals(Duration.ofSeconds(45), loader.parse("litellm_settings: {request_timeout: 45}").requestTimeout());
        assertEquals(Duration.ofSeconds(20), loader.parse("router_settings: {timeout: 20}").requestTimeout());
    }
}
