package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.DeploymentState;
import dev.llmhealth.domain.model.EvidenceSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The latest successful real call of each deployment ({@code skip_probe_when_traffic_ok}): the
 * traffic use case writes it, a check round reads it. A deployment that is healthy (or not checked
 * yet) and served a successful call within the round interval needs no paid probe; its verdict
 * is that call, with {@code source: traffic}. An unhealthy one is always probed.
 */
public final class TrafficEvidence {

    private final ConcurrentMap<String, Instant> lastSuccess = new ConcurrentHashMap<>();

    /** A real call to the deployment succeeded at {@code at}. */
    public void succeeded(String deploymentId, Instant at) {
        lastSuccess.merge(deploymentId, at, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
    }

    public Optional<Instant> lastSuccess(String deploymentId) {
        return Optional.ofNullable(lastSuccess.get(deploymentId));
    }

    /**
     * The verdict traffic vouches for at {@code now}, when a probe can be skipped: the previous
     * verdict is healthy or absent, and a call succeeded after {@code now - interval}.
     */
    public Optional<DeploymentHealth> vouchedFor(Optional<DeploymentHealth> previous, Deployment deployment, Instant now,
                                                 Duration interval) {
        if (previous.isPresent() && !previous.get().isHealthy()) {
            return Optional.empty();
        }
        return lastSuccess(deployment.id())
                .filter(at -> at.isAfter(now.minus(interval)))
                .map(at -> new DeploymentHealth(deployment, DeploymentState.HEALTHY, EvidenceSource.TRAFFIC, at,
                        previous.map(DeploymentHealth::since).orElse(at), Optional.empty(), Optional.empty(), 0,
                        previous.map(p -> p.consecutiveSuccesses() + 1).orElse(1), Optional.of(at)));
    }
}
