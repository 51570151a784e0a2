package dev.llmhealth.adapters.probes.models;

import java.util.Locale;
import java.util.Objects;

/**
 * How to reach one deployment's provider: what the router holds apart from the domain's
 * {@code Deployment}, because it includes the key. {@link #toString()} never shows the key.
 *
 * @param provider  the provider family, e.g. {@code openai}, {@code hosted_vllm}
 * @param apiBase   the effective base URL, e.g. {@code https://api.openai.com/v1}; a trailing slash is dropped
 * @param apiKey    sent as a bearer token; empty for none (a null is taken as empty)
 * @param model     the upstream model name, after the provider prefix, e.g. {@code gpt-4o}
 * @param mode      {@code model_info.mode}: {@code chat} (default), {@code completion}, {@code embedding}, ...
 * @param maxTokens {@code health_check_max_tokens} for completion probes; 0 or less means the default, 16
 */
public record ProviderEndpoint(String provider, String apiBase, String apiKey, String model, String mode, int maxTokens) {

    public static final String DEFAULT_MODE = "chat";
    public static final int DEFAULT_MAX_TOKENS = 16;

    public ProviderEndpoint {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(model, "model");
        apiBase = apiBase.strip().replaceAll("/+$", "");
        apiKey = apiKey == null ? "" : apiKey.strip();
        mode = mode == null || mode.isBlank() ? DEFAULT_MODE : mode.strip().toLowerCase(Locale.ROOT);
        maxTokens = maxTokens > 0 ? maxTokens : DEFAULT_MAX_TOKENS;
    }

    /** A chat deployment with the default token budget. */
    public ProviderEndpoint(String provider, String apiBase, String apiKey, String model) {
        this(provider, apiBase, apiKey, model, DEFAULT_MODE, DEFAULT_MAX_TOKENS);
    }

    public boolean hasApiKey() {
        return !apiKey.isEmpty();
    }

    @Override
    public String toString() {
        return "ProviderEndpoint[provider=" + provider + ", apiBase=" + apiBase + ", apiKey="
                + (hasApiKey() ? "***" : "") + ", model=" + model + ", mode=" + mode + ", maxTokens=" + maxTokens + "]";
    }
}
