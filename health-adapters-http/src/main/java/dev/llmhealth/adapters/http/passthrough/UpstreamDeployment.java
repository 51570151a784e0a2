package dev.llmhealth.adapters.http.passthrough;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployment real calls can be forwarded to: one that answers the OpenAI API under
 * {@code baseUrl}. The composition root decides which deployments those are and maps its config to
 * this; {@link #toString()} never shows the key.
 *
 * @param id                 the deployment id ({@code model_id})
 * @param baseUrl            the OpenAI API root, e.g. {@code https://api.openai.com/v1} ({@code .../v1} of an Ollama server)
 * @param apiKey             sent as a bearer token, if any
 * @param forwardedModel     the model name sent upstream
 * @param shownApiBase       the api_base shown in the {@code x-litellm-model-api-base} header (no credentials)
 * @param callTimeout        this deployment's own {@code timeout}; empty: the proxy-wide one
 * @param streamTimeout      this deployment's own {@code stream_timeout} for streamed calls; empty: {@code callTimeout}
 */
public record UpstreamDeployment(String id, String baseUrl, Optional<String> apiKey, String forwardedModel, String shownApiBase,
                                 double inputCostPerToken, double outputCostPerToken, Optional<Duration> callTimeout,
                                 Optional<Duration> streamTimeout) {

    public UpstreamDeployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(baseUrl, "baseUrl");
        apiKey = apiKey.filter(key -> !key.isBlank());
        Objects.requireNonNull(forwardedModel, "forwardedModel");
        Objects.requireNonNull(shownApiBase, "shownApiBase");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(streamTimeout, "streamTimeout");
    }

    /** What one call cost, from the configured per-token prices. */
    double cost(long inputTokens, long outputTokens) {
        return inputTokens * inputCostPerToken + outputTokens * outputCostPerToken;
    }

    /** The wait for one call: the stream timeout for a streamed one when set, else the call timeout, else the proxy's. */
    Duration timeout(boolean streamed, Duration proxyWide) {
        return (streamed ? streamTimeout.or(() -> callTimeout) : callTimeout).orElse(proxyWide);
    }

    @Override
    public String toString() {
        return "UpstreamDeployment[" + id + " " + baseUrl + (apiKey.isPresent() ? " with key ***" : "") + "]";
    }
}
