package dev.llmhealth.app.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Which provider serves {@code litellm_params.model} and under what name, as LiteLLM reads it:
 * {@code custom_llm_provider} when given, else the prefix before the first slash
 * ({@code groq/llama-3.1-8b-instant}); a bare name is OpenAI's, except Anthropic's {@code claude-*}.
 *
 * @param model the name the provider knows, e.g. {@code llama-3.1-8b-instant}; {@code *} for a wildcard
 */
record ProviderModel(String provider, String model) {

    static ProviderModel of(String model, Optional<String> customProvider) {
        if (customProvider.isPresent()) {
            String provider = customProvider.get().strip().toLowerCase(Locale.ROOT);
            String prefix = provider + "/";
            return new ProviderModel(provider, model.toLowerCase(Locale.ROOT).startsWith(prefix) ? model.substring(prefix.length()) : model);
        }
        int slash = model.indexOf('/');
        if (slash > 0) {
            return new ProviderModel(model.substring(0, slash).toLowerCase(Locale.ROOT), model.substring(slash + 1));
        }
        return new ProviderModel(model.toLowerCase(Locale.ROOT).startsWith("claude") ? "anthropic" : "openai", model);
    }
}
