package dev.llmhealth.adapters.http;

import java.util.Objects;

/**
 * The labels LiteLLM puts on a deployment's series, with values from the configuration only.
 *
 * @param litellmModelName the model the provider serves ({@code litellm_params.model} after the provider prefix)
 * @param modelId          {@code model_info.id}
 * @param apiBase          the base URL, without credentials
 * @param apiProvider      the provider prefix of {@code litellm_params.model}, e.g. {@code openai}
 */
public record DeploymentLabels(String litellmModelName, String modelId, String apiBase, String apiProvider) {

    public DeploymentLabels {
        Objects.requireNonNull(litellmModelName, "litellmModelName");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(apiProvider, "apiProvider");
    }
}
