package dev.llmhealth.adapters.probes.models;

import java.util.Locale;

/**
 * Where OpenAI-compatible providers differ from OpenAI in ways a probe must follow, each as LiteLLM
 * (or the provider's API reference) has it; every other prefix speaks plain OpenAI.
 */
final class OpenAiDialect {

    private static final String FIREWORKS_MODELS = "accounts/fireworks/models/";

    private OpenAiDialect() {
    }

    /**
     * The base URL calls go under. Mistral's API always lives under {@code /v1}, and LiteLLM adds it
     * when the configured {@code api_base} lacks it (MistralConfig._get_openai_compatible_provider_info).
     */
    static String base(ProviderEndpoint endpoint) {
        String base = endpoint.apiBase();
        if (endpoint.provider().equals("mistral") && !base.endsWith("/v1")) {
            return base + "/v1";
        }
        return base;
    }

    /**
     * The free call that proves reachability and the key:
     * <ul>
     *   <li>OpenRouter's model list is public (it would pass with any key), so its key endpoint
     *       {@code GET /api/v1/key} is asked instead: it answers 401 to a bad key and costs nothing;</li>
     *   <li>Perplexity serves chat at the root ({@code https://api.perplexity.ai/chat/completions}) but lists at
     *       {@code /v1/models} (its Agent API's OpenAI-style list); its OpenAPI spec declares no security for that
     *       list, so it may not refuse a bad key: only completion mode proves the key there;</li>
     *   <li>everyone else: {@code GET {base}/models}.</li>
     * </ul>
     */
    static String listingPath(ProviderEndpoint endpoint) {
        return switch (endpoint.provider()) {
            case "openrouter" -> "/key";
            case "perplexity" -> base(endpoint).endsWith("/v1") ? "/models" : "/v1/models";
            default -> "/models";
        };
    }

    /**
     * The model name the provider expects in the body: Fireworks names models by account
     * ({@code accounts/fireworks/models/llama-v3p1-8b-instruct}) and LiteLLM adds that prefix to a
     * bare name (FireworksAIConfig.transform_request).
     */
    static String upstreamModel(ProviderEndpoint endpoint) {
        String model = endpoint.model();
        if (endpoint.provider().equals("fireworks_ai") && !model.toLowerCase(Locale.ROOT).startsWith("accounts/")) {
            return FIREWORKS_MODELS + model;
        }
        return model;
    }
}
