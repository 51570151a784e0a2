package dev.llmhealth.domain.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one real call to one deployment went, as the proxy that made it reports it. A request that
 * failed over to another deployment is reported as one call per deployment tried.
 *
 * @param deploymentId      the deployment called ({@code model_info.id})
 * @param requestedModel    the model the client asked for; a name the router does not know is counted as {@code unknown}
 * @param httpStatus        the upstream's HTTP status; 0 when no HTTP answer arrived (connect error, timeout)
 * @param error             why the call failed; empty when it succeeded
 * @param latency           from sending the call to its last byte
 * @param timeToFirstToken  for a streamed answer: from sending the call to its first chunk
 * @param inputTokens       prompt tokens the upstream reported (0 when it reported none)
 * @param outputTokens      completion tokens the upstream reported (0 when it reported none)
 * @param cost              what the call cost, from the configured per-token prices (0 when none are set)
 */
public record TrafficOutcome(
        String deploymentId,
        String requestedModel,
        int httpStatus,
        Optional<ErrorKind> error,
        Duration latency,
        Optional<Duration> timeToFirstToken,
        long inputTokens,
        long outputTokens,
        double cost) {

    public TrafficOutcome {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(requestedModel, "requestedModel");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
        if (latency.isNegative() || timeToFirstToken.filter(Duration::isNegative).isPresent()) {
            throw new IllegalArgumentException("latencies must not be negative");
        }
        if (inputTokens < 0 || outputTokens < 0 || cost < 0 || !Double.isFinite(cost)) {
            throw new IllegalArgumentException("tokens and cost must be finite and not negative");
        }
    }

    /** A call the upstream answered with success. */
    public static TrafficOutcome succeeded(String deploymentId, String requestedModel, int httpStatus, Duration latency,
                                           Optional<Duration> timeToFirstToken, long inputTokens, long outputTokens, double cost) {
        return new TrafficOutcome(deploymentId, requestedModel, httpStatus, Optional.empty(), latency, timeToFirstToken,
                inputTokens, outputTokens, cost);
    }

    /** A call that failed: an error status from the upstream, or no answer at all ({@code httpStatus} 0). */
    public static TrafficOutcome failed(String deploymentId, String requestedModel, int httpStatus, ErrorKind kind, Duration latency) {
        return new TrafficOutcome(deploymentId, requestedModel, httpStatus, Optional.of(kind), latency, Optional.empty(), 0, 0, 0);
    }

    public boolean succeeded() {
        return error.isEmpty();
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    public TrafficOutcome withRequestedModel(String model) {
        return new TrafficOutcome(deploymentId, model, httpStatus, error, latency, timeToFirstToken, inputTokens, outputTokens, cost);
    }
}
