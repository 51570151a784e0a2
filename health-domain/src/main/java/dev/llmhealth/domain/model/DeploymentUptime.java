package dev.llmhealth.domain.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How much of a window one deployment was healthy, as far as the recorded transitions tell.
 *
 * @param observed how much of the window its state is known (none before its first verdict)
 * @param downtime how much of {@code observed} it was unhealthy
 * @param outages  unhealthy periods that overlap the window (one already running at its start counts)
 */
public record DeploymentUptime(String deploymentId, String modelName, Duration observed, Duration downtime, int outages) {

    public DeploymentUptime {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(downtime, "downtime");
        if (downtime.compareTo(observed) > 0 || downtime.isNegative() || outages < 0) {
            throw new IllegalArgumentException("downtime within observed time, outages not negative");
        }
    }

    /** The healthy share of the observed time, 0 to 100; empty when nothing was observed. */
    public Optional<Double> uptimePercent() {
        if (observed.isZero()) {
            return Optional.empty();
        }
        double up = observed.minus(downtime).toMillis();
        return Optional.of(100.0 * up / observed.toMillis());
    }
}
