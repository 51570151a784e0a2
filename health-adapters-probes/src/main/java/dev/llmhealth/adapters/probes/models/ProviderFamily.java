package dev.llmhealth.adapters.probes.models;

/**
 * Which probe speaks to a provider, picked from the prefix of {@code litellm_params.model} the way
 * LiteLLM picks its provider: {@code azure/gpt-4o} is Azure OpenAI, {@code anthropic/claude-...}
 * Anthropic, {@code ollama/llama3} Ollama, {@code gemini/...} Google AI Studio, {@code cohere/...} Cohere, a known OpenAI-compatible prefix (or none) the OpenAI
 * API, and any other prefix a plain HTTP reachability check of its {@code api_base}.
 */
public enum ProviderFamily {
    /** {@code GET /models}; chat, text or embedding calls; bearer key. */
    OPENAI_COMPATIBLE,
    /** {@code /openai/deployments/{deployment}/...?api-version=}; {@code api-key} header. */
    AZURE_OPENAI,
    /** {@code GET /v1/models}, {@code POST /v1/messages}; {@code x-api-key} and {@code anthropic-version}. */
    ANTHROPIC,
    /** {@code GET /api/tags}, {@code POST /api/chat} or {@code /api/generate}. */
    OLLAMA,
    /** Google AI Studio: {@code GET /v1beta/models}, {@code POST /v1beta/models/{model}:generateContent}; {@code x-goog-api-key}. */
    GEMINI,
    /** {@code GET /v1/models}, {@code POST /v2/chat}, {@code /v2/embed}, {@code /v2/rerank}; bearer key. */
    COHERE,
    /** {@code GET api_base}: any answer below 500 except 401, 403 and 404 means reachable. */
    GENERIC_HTTP;

    /** The family of a provider prefix, as {@link ProviderCatalog} lists it. */
    public static ProviderFamily of(String provider) {
        return ProviderCatalog.of(provider).family();
    }
}
