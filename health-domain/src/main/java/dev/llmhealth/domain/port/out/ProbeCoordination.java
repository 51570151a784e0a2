package dev.llmhealth.domain.port.out;

import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.SharedVerdict;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What replicas share so that each deployment is probed by one of them per interval and all of
 * them serve the same verdicts: probe leases, and the verdicts (with their flap counters). Every
 * call is bounded in time by the adapter; an empty answer means the shared store cannot be
 * reached now, and the caller then probes on its own.
 */
public interface ProbeCoordination {

    /** This replica's name, as it appears in leases, verdicts and the history. */
    String replica();

    /** False when there is nothing to share with: every lease is ours. */
    boolean configured();

    /**
     * Takes (or renews, when already ours) the lease of each deployment for {@code ttl}; answers the
     * ids whose lease this replica holds now. Empty when the shared store cannot be reached.
     */
    Optional<Set<String>> acquireLeases(Collection<String> deploymentIds, Duration ttl);

    /** The shared verdicts of these deployments (those that have one). Empty when unreachable. */
    Optional<Map<String, SharedVerdict>> verdicts(Collection<String> deploymentIds);

    /** Publishes the verdicts this replica reached; false when the shared store cannot be reached. */
    boolean publish(List<DeploymentHealth> verdicts);

    /** One replica alone: every lease granted, nothing shared. */
    static ProbeCoordination local(String replica) {
        return new ProbeCoordination() {
            @Override
            public String replica() {
                return replica;
            }

            @Override
            public boolean configured() {
                return false;
            }

            @Override
            public Optional<Set<String>> acquireLeases(Collection<String> deploymentIds, Duration ttl) {
                return Optional.of(Set.copyOf(deploymentIds));
            }

            @Override
            public Optional<Map<String, SharedVerdict>> verdicts(Collection<String> deploymentIds) {
                return Optional.of(Map.of());
            }

            @Override
            public boolean publish(List<DeploymentHealth> verdicts) {
                return true;
            }
        };
    }
}
