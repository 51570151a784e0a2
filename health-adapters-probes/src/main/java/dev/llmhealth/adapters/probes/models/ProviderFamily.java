package dev.llmhealth.adapters.probes.models;

/**
 * Which probe speaks to a provider, picked from the prefix of {@code litellm_params.model} the way
 * LiteLLM picks its provider: {@code azure/gpt-4o} is Azure OpenAI, {@code anthropic/claude-...}
 * Anthropic, {@code ollama/llama3} Ollama, a known OpenAI-compatible prefix (or none) the OpenAI
 * API, and any other prefix a plain HTTP reachability check of its {@code api_base}.
 */
public enum ProviderFamily {
    /** {@code GET /models}; chat, text or embedding calls; bearer key. */
    OPENAI_COMPATIBLE,
    /** {@code /openai/deployments/{deployment}/...?api-version=}; {@code api-key} header. */
    AZURE_OPENAI,
    /** {@code GET /v1/models}, {@code POST /v1/messages}; {@code x-api-key} and {@code anthropic-version}. */
    ANTHROPIC,
    /** {@code GET /api/tags}, {@code POST /api/chat}. */
    OLLAMA,
    /** {@code GET api_base}: any answer below 500 except 401, 403 and 404 means reachable. */
    GENERIC_HTTP;

    /** The family of a provider prefix, as {@link ProviderCatalog} lists it. */
    public static ProviderFamily of(String provider) {
        return ProviderCatalog.of(provider).family();
    }
}
