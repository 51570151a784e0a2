package dev.llmhealth.adapters.probes.models;

import java.util.Locale;
import java.util.Objects;

/**
 * How to reach one deployment's provider: what the router holds apart from the domain's
 * {@code Deployment}, because it includes the key. {@link #toString()} never shows the key.
 *
 * @param provider           the provider prefix of {@code litellm_params.model}, e.g. {@code openai}, {@code azure},
 *                           {@code anthropic}, {@code ollama}; it picks the {@link ProviderFamily}
 * @param apiBase            the effective base URL, e.g. {@code https://api.openai.com/v1}; a trailing slash is dropped
 * @param apiKey             the key, sent the way the family wants it; empty for none (a null is taken as empty)
 * @param model              the upstream model name, after the provider prefix, e.g. {@code gpt-4o}; Azure's deployment name
 * @param mode               {@code model_info.mode}: {@code chat} (default), {@code completion}, {@code embedding}, ...
 * @param maxTokens          {@code health_check_max_tokens} for completion probes; 0 or less means the default, 16
 * @param apiVersion         {@code litellm_params.api_version} (Azure); empty for the family's default
 * @param sslVerify          false to accept any TLS certificate for this deployment (LiteLLM's {@code ssl_verify: false})
 * @param inputCostPerToken  price of a prompt token, to count what completion probes cost; 0 when unknown
 * @param outputCostPerToken price of a completion token; 0 when unknown
 */
public record ProviderEndpoint(String provider, String apiBase, String apiKey, String model, String mode, int maxTokens,
                               String apiVersion, boolean sslVerify, double inputCostPerToken, double outputCostPerToken) {

    public static final String DEFAULT_MODE = "chat";
    public static final int DEFAULT_MAX_TOKENS = 16;

    public ProviderEndpoint {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(model, "model");
        provider = provider.strip().toLowerCase(Locale.ROOT);
        apiBase = apiBase.strip().replaceAll("/+$", "");
        apiKey = apiKey == null ? "" : apiKey.strip();
        mode = mode == null || mode.isBlank() ? DEFAULT_MODE : mode.strip().toLowerCase(Locale.ROOT);
        maxTokens = maxTokens > 0 ? maxTokens : DEFAULT_MAX_TOKENS;
        apiVersion = apiVersion == null ? "" : apiVersion.strip();
        inputCostPerToken = validPrice(inputCostPerToken);
        outputCostPerToken = validPrice(outputCostPerToken);
    }

    /** A deployment with TLS verified and no prices. */
    public ProviderEndpoint(String provider, String apiBase, String apiKey, String model, String mode, int maxTokens) {
        this(provider, apiBase, apiKey, model, mode, maxTokens, "", true, 0, 0);
    }

    /** A chat deployment with the default token budget. */
    public ProviderEndpoint(String provider, String apiBase, String apiKey, String model) {
        this(provider, apiBase, apiKey, model, DEFAULT_MODE, DEFAULT_MAX_TOKENS);
    }

    public ProviderEndpoint withApiVersion(String version) {
        return new ProviderEndpoint(provider, apiBase, apiKey, model, mode, maxTokens, version, sslVerify, inputCostPerToken, outputCostPerToken);
    }

    public ProviderEndpoint withSslVerify(boolean verify) {
        return new ProviderEndpoint(provider, apiBase, apiKey, model, mode, maxTokens, apiVersion, verify, inputCostPerToken, outputCostPerToken);
    }

    public ProviderEndpoint withPrices(double inputPerToken, double outputPerToken) {
        return new ProviderEndpoint(provider, apiBase, apiKey, model, mode, maxTokens, apiVersion, sslVerify, inputPerToken, outputPerToken);
    }

    public boolean hasApiKey() {
        return !apiKey.isEmpty();
    }

    /**
     * A wildcard deployment ({@code openai/*}, {@code ollama/*}, {@code model: "*"}, {@code my-prefix-*})
     * routes any model name, so no single model can be asked for: it is probed only with the
     * listing call (reachability and the key), in every probe mode. LiteLLM's
     * {@code health_check_model} replaces the model before it gets here, and then the normal rules apply.
     */
    public boolean isWildcard() {
        return model.endsWith("*");
    }

    /** What a probe that used these tokens cost, at the configured prices. */
    double cost(long inputTokens, long outputTokens) {
        return inputTokens * inputCostPerToken + outputTokens * outputCostPerToken;
    }

    private static double validPrice(double price) {
        return Double.isFinite(price) && price > 0 ? price : 0;
    }

    @Override
    public String toString() {
        return "ProviderEndpoint[provider=" + provider + ", apiBase=" + apiBase + ", apiKey=" + (hasApiKey() ? "***" : "")
                + ", model=" + model + ", mode=" + mode + ", maxTokens=" + maxTokens + ", apiVersion=" + apiVersion
                + ", sslVerify=" + sslVerify + "]";
    }
}
