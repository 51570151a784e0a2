package dev.llmhealth.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployment's verdict as replicas share it: everything of {@link DeploymentHealth} but the
 * deployment itself (each replica knows that from its own router), so the flap counters travel
 * with the verdict when a lease moves to another replica.
 *
 * @param replica the replica that reached this verdict
 */
public record SharedVerdict(DeploymentState state, EvidenceSource source, Instant lastCheck, Instant since,
                            Optional<String> error, Optional<String> warning, int consecutiveFailures,
                            int consecutiveSuccesses, Optional<Instant> lastSuccess, String replica) {

    public SharedVerdict {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(lastCheck, "lastCheck");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(lastSuccess, "lastSuccess");
        Objects.requireNonNull(replica, "replica");
    }

    public static SharedVerdict of(DeploymentHealth health, String replica) {
        return new SharedVerdict(health.state(), health.source(), health.lastCheck(), health.since(), health.error(),
                health.warning(), health.consecutiveFailures(), health.consecutiveSuccesses(), health.lastSuccess(), replica);
    }

    public DeploymentHealth toHealth(Deployment deployment) {
        return new DeploymentHealth(deployment, state, source, lastCheck, since, error, warning, consecutiveFailures,
                consecutiveSuccesses, lastSuccess);
    }
}
