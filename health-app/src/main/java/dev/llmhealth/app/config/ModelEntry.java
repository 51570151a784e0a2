package dev.llmhealth.app.config;

import dev.llmhealth.domain.model.ProbeMode;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code model_list} entry, as far as health checking needs it.
 *
 * @param id            {@code model_info.id}, or a stable id derived from the entry
 * @param modelName     {@code model_name}: the public group name
 * @param provider      the provider prefix of {@code litellm_params.model} ({@code openai} when there is none)
 * @param upstreamModel the model name the provider knows ({@code health_check_model} when set)
 * @param apiBase       the effective base URL (the provider's default when not configured)
 * @param apiKey        the key, if any: a secret, never shown
 * @param mode          {@code model_info.mode}: chat, embedding, image_generation, ...
 * @param probeMode     how it is checked
 * @param forwardedModel     the model name real requests are sent upstream with: {@code litellm_params.model} after the provider prefix
 * @param inputCostPerToken  {@code input_cost_per_token} (litellm_params or model_info); 0 when not given
 * @param outputCostPerToken {@code output_cost_per_token} (litellm_params or model_info); 0 when not given
 * @param apiVersion         {@code litellm_params.api_version} (Azure OpenAI), if given
 * @param sslVerify          {@code litellm_params.ssl_verify}, if given: this deployment's own choice over the proxy-wide one
 */
public record ModelEntry(
        String id,
        String modelName,
        String provider,
        String upstreamModel,
        String apiBase,
        Optional<String> apiKey,
        String mode,
        ProbeMode probeMode,
        String forwardedModel,
        double inputCostPerToken,
        double outputCostPerToken,
        Optional<String> apiVersion,
        Optional<Boolean> sslVerify) {

    /** Provider families that answer the OpenAI API ({@code /models}, {@code /chat/completions}, ...) under their api_base. */
    public static final Set<String> OPENAI_COMPATIBLE_PROVIDERS = Set.of(
            "openai", "text-completion-openai", "hosted_vllm", "lm_studio", "groq", "mistral", "deepseek",
            "together_ai", "openai_compatible", "custom_openai", "vllm");

    /** What one call cost, from the configured per-token prices. */
    public double cost(long inputTokens, long outputTokens) {
        return inputTokens * inputCostPerToken + outputTokens * outputCostPerToken;
    }
}
