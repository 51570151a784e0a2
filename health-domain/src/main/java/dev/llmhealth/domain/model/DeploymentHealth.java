package dev.llmhealth.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The current verdict on one deployment.
 *
 * @param lastCheck            when the latest evidence arrived
 * @param since                when the current state started
 * @param error                why it is unhealthy (redacted), or why the latest check failed while damping holds the state
 * @param warning              something worth saying while healthy (e.g. rate limited but reachable)
 * @param consecutiveFailures  failed checks in a row
 * @param consecutiveSuccesses passed checks in a row
 */
public record DeploymentHealth(
        Deployment deployment,
        DeploymentState state,
        EvidenceSource source,
        Instant lastCheck,
        Instant since,
        Optional<String> error,
        Optional<String> warning,
        int consecutiveFailures,
        int consecutiveSuccesses,
        Optional<Instant> lastSuccess) {

    public DeploymentHealth {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(lastCheck, "lastCheck");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(lastSuccess, "lastSuccess");
    }

    /** The same verdict on the deployment as it is configured now (a reload may change its settings, not its id). */
    public DeploymentHealth withDeployment(Deployment reconfigured) {
        return new DeploymentHealth(reconfigured, state, source, lastCheck, since, error, warning, consecutiveFailures,
                consecutiveSuccesses, lastSuccess);
    }

    public boolean isHealthy() {
        return state == DeploymentState.HEALTHY;
    }
}
