package dev.llmhealth.app.config;

import dev.llmhealth.domain.model.ProbeMode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code model_list} entry, as far as health checking needs it.
 *
 * @param id               {@code model_info.id}, or a stable hash of {@code model_name} and every {@code litellm_params}
 *                         (as LiteLLM derives it; secrets go into the hash, never into the id's text)
 * @param modelName        {@code model_name}: the public group name
 * @param provider         the provider: {@code custom_llm_provider}, else the prefix of {@code litellm_params.model}
 *                         ({@code openai} when there is none)
 * @param upstreamModel    the model name probes use ({@code health_check_model} when set; {@code *} for a wildcard)
 * @param apiBase          the effective base URL: {@code api_base}, the credential's, the provider's variable, else its
 *                         default; empty when there is none or it is not a URL
 * @param apiKey           the key, if any: a secret, never shown
 * @param mode             {@code model_info.mode}: chat, embedding, image_generation, ...
 * @param probeMode        how it is checked
 * @param forwardedModel   the model name real requests are sent upstream with: {@code litellm_params.model} after the provider prefix
 * @param inputCostPerToken  {@code input_cost_per_token} (litellm_params or model_info); 0 when not given
 * @param outputCostPerToken {@code output_cost_per_token} (litellm_params or model_info); 0 when not given
 * @param apiVersion       {@code litellm_params.api_version} (Azure OpenAI), the credential's or the environment's, if any
 * @param sslVerify        {@code litellm_params.ssl_verify}, if given: this deployment's own choice over the proxy-wide one
 * @param credentialSource where the key came from, by name only: {@code litellm_params.api_key},
 *                         {@code credential:<name>}, {@code env:<VARIABLE>}, or {@code none}
 * @param configProblem    why this deployment cannot work as configured (naming the key, never a value); such a deployment
 *                         is reported unhealthy with that error while the rest of the config runs, as LiteLLM starts
 * @param healthCheck      its own {@code model_info.health_check_timeout}, {@code health_check_interval},
 *                         {@code health_check_max_tokens}
 * @param timeouts         {@code litellm_params.timeout} and {@code stream_timeout}, for the pass-through
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
        Optional<Boolean> sslVerify,
        String credentialSource,
        Optional<String> configProblem,
        HealthCheck healthCheck,
        CallTimeouts timeouts) {

    public static final String NO_CREDENTIAL = "none";

    /**
     * A deployment's own health-check settings from {@code model_info}; empty or 0: the proxy-wide ones.
     *
     * @param maxTokens {@code health_check_max_tokens}; 0 for the proxy-wide value
     */
    public record HealthCheck(Optional<Duration> timeout, Optional<Duration> interval, int maxTokens) {

        public static final HealthCheck PROXY_WIDE = new HealthCheck(Optional.empty(), Optional.empty(), 0);

        public HealthCheck {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(interval, "interval");
        }
    }

    /** How long the pass-through waits upstream for this deployment; empty: the proxy-wide {@code request_timeout}. */
    public record CallTimeouts(Optional<Duration> request, Optional<Duration> stream) {

        public static final CallTimeouts PROXY_WIDE = new CallTimeouts(Optional.empty(), Optional.empty());
    }

    /** What one call cost, from the configured per-token prices. */
    public double cost(long inputTokens, long outputTokens) {
        return inputTokens * inputCostPerToken + outputTokens * outputCostPerToken;
    }

    /** The pass-through's wait for one call: the stream timeout for a streamed one when set, else the call timeout, else the proxy's. */
    public Duration callTimeout(boolean streamed, Duration proxyWide) {
        return (streamed ? timeouts.stream().or(timeouts::request) : timeouts.request()).orElse(proxyWide);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "ModelEntry[id=" + id + ", modelName=" + modelName + ", provider=" + provider + ", upstreamModel=" + upstreamModel
                + ", apiBase=" + apiBase + ", apiKey=" + (apiKey.isPresent() ? "***" : "none") + ", credentialSource=" + credentialSource
                + ", mode=" + mode + ", probeMode=" + probeMode + ", configProblem=" + configProblem.orElse("none") + "]";
    }
}
