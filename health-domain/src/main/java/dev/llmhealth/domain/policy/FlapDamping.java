package dev.llmhealth.domain.policy;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.DeploymentState;
import dev.llmhealth.domain.model.EvidenceSource;
import dev.llmhealth.domain.model.ProbeResult;
import java.time.Instant;
import java.util.Optional;

/**
 * Envoy-style damping: a deployment changes state only after {@code unhealthyThreshold}
 * consecutive failures or {@code healthyThreshold} consecutive successes. Its first check decides
 * its first state directly. With {@code ignoreTransientErrors}, 429 and 408 count as successes with
 * a warning ("reachable, busy").
 */
public final class FlapDamping {

    private final int unhealthyThreshold;
    private final int healthyThreshold;
    private final boolean ignoreTransientErrors;

    public FlapDamping(int unhealthyThreshold, int healthyThreshold, boolean ignoreTransientErrors) {
        this.unhealthyThreshold = unhealthyThreshold;
        this.healthyThreshold = healthyThreshold;
        this.ignoreTransientErrors = ignoreTransientErrors;
    }

    public DeploymentHealth apply(Optional<DeploymentHealth> previous, Deployment deployment, ProbeResult result, Instant now) {
        Optional<String> warning = Optional.empty();
        Optional<String> failure = Optional.empty();
        if (result instanceof ProbeResult.Unhealthy unhealthy) {
            if (ignoreTransientErrors && unhealthy.kind().isTransient()) {
                warning = Optional.of(unhealthy.message());
            } else {
                failure = Optional.of(unhealthy.message());
            }
        }
        boolean passed = failure.isEmpty();
        if (previous.isEmpty()) {
            DeploymentState state = passed ? DeploymentState.HEALTHY : DeploymentState.UNHEALTHY;
            return new DeploymentHealth(deployment, state, EvidenceSource.PROBE, now, now, failure, warning,
                    passed ? 0 : 1, passed ? 1 : 0, passed ? Optional.of(now) : Optional.empty());
        }
        DeploymentHealth before = previous.get();
        int failures = passed ? 0 : before.consecutiveFailures() + 1;
        int successes = passed ? before.consecutiveSuccesses() + 1 : 0;
        DeploymentState state = before.state();
        if (state == DeploymentState.HEALTHY && failures >= unhealthyThreshold) {
            state = DeploymentState.UNHEALTHY;
        } else if (state == DeploymentState.UNHEALTHY && successes >= healthyThreshold) {
            state = DeploymentState.HEALTHY;
        }
        Instant since = state == before.state() ? before.since() : now;
        // an unhealthy deployment keeps saying why until it is healthy again
        Optional<String> error = failure.isPresent() || state == DeploymentState.HEALTHY ? failure : before.error();
        Optional<Instant> lastSuccess = passed ? Optional.of(now) : before.lastSuccess();
        return new DeploymentHealth(deployment, state, EvidenceSource.PROBE, now, since, error, warning,
                failures, successes, lastSuccess);
    }

    /** A deployment that is never probed: healthy until evidence says otherwise. */
    public DeploymentHealth assumed(Optional<DeploymentHealth> previous, Deployment deployment, Instant now) {
        Instant since = previous.filter(DeploymentHealth::isHealthy).map(DeploymentHealth::since).orElse(now);
        return new DeploymentHealth(deployment, DeploymentState.HEALTHY, EvidenceSource.ASSUMED, now, since,
                Optional.empty(), Optional.empty(), 0, 0, Optional.empty());
    }
}
