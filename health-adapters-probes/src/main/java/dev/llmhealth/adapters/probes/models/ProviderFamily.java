package dev.llmhealth.adapters.probes.models;

import java.util.Locale;
import java.util.Set;

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

    /** LiteLLM's providers that serve the OpenAI API under their base URL. */
    private static final Set<String> OPENAI_COMPATIBLE_PREFIXES = Set.of(
            "openai", "text-completion-openai", "openai_compatible", "custom_openai", "hosted_vllm", "vllm", "lm_studio",
            "llamafile", "groq", "mistral", "deepseek", "together_ai", "fireworks_ai", "perplexity", "anyscale", "deepinfra",
            "xai", "openrouter", "cerebras", "sambanova", "nvidia_nim", "github", "friendliai", "nebius", "nscale",
            "featherless_ai", "lambda_ai", "hyperbolic", "novita", "dashscope", "moonshot", "volcengine");

    public static ProviderFamily of(String provider) {
        String prefix = provider == null ? "" : provider.strip().toLowerCase(Locale.ROOT);
        if (prefix.isEmpty() || OPENAI_COMPATIBLE_PREFIXES.contains(prefix)) {
            return OPENAI_COMPATIBLE;
        }
        return switch (prefix) {
            case "azure", "azure_text" -> AZURE_OPENAI;
            case "anthropic" -> ANTHROPIC;
            case "ollama", "ollama_chat" -> OLLAMA;
            default -> GENERIC_HTTP;
        };
    }
}
