package dev.llmhealth.domain.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the proxy answered one client request, after any failover: what the client saw.
 *
 * @param requestedModel the model the client asked for; a name the router does not know is counted as {@code unknown}
 * @param servedBy       the deployment whose answer the client got; empty when none answered
 * @param httpStatus     the status the client got
 * @param error          why the request failed; empty when it succeeded
 * @param totalLatency   from the request's arrival to the end of the answer
 */
public record ProxyRequestOutcome(
        String requestedModel,
        Optional<String> servedBy,
        int httpStatus,
        Optional<ErrorKind> error,
        Duration totalLatency) {

    public ProxyRequestOutcome {
        Objects.requireNonNull(requestedModel, "requestedModel");
        Objects.requireNonNull(servedBy, "servedBy");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(totalLatency, "totalLatency");
        if (totalLatency.isNegative()) {
            throw new IllegalArgumentException("totalLatency must not be negative");
        }
    }

    public boolean succeeded() {
        return error.isEmpty();
    }

    public ProxyRequestOutcome withRequestedModel(String model) {
        return new ProxyRequestOutcome(model, servedBy, httpStatus, error, totalLatency);
    }
}
