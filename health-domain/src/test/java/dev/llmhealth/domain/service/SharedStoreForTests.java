package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.SharedVerdict;
import dev.llmhealth.domain.port.out.ProbeCoordination;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Redis holds for several replicas, in memory, on an injected clock: leases with a TTL and the
 * shared verdicts. The Redis adapter has its own tests against a real Redis; this one lets the
 * domain's rules be tested without sleeps.
 */
final class SharedStoreForTests {

    private record Lease(String holder, Instant until) {
    }

    private final Clock clock;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Map<String, SharedVerdict> verdicts = new ConcurrentHashMap<>();
    volatile boolean reachable = true;

    SharedStoreForTests(Clock clock) {
        this.clock = clock;
    }

    Optional<SharedVerdict> verdict(String deploymentId) {
        return Optional.ofNullable(verdicts.get(deploymentId));
    }

    Optional<String> leaseHolder(String deploymentId) {
        Lease lease = leases.get(deploymentId);
        return lease == null || !clock.instant().isBefore(lease.until()) ? Optional.empty() : Optional.of(lease.holder());
    }

    ProbeCoordination replica(String name) {
        return new ProbeCoordination() {
            @Override
            public String replica() {
                return name;
            }

            @Override
            public boolean configured() {
                return true;
            }

            @Override
            public Optional<Set<String>> acquireLeases(Collection<String> deploymentIds, Duration ttl) {
                if (!reachable) {
                    return Optional.empty();
                }
                Set<String> ours = new HashSet<>();
                synchronized (leases) {
                    for (String id : deploymentIds) {
                        Optional<String> holder = leaseHolder(id);
                        if (holder.isEmpty() || holder.get().equals(name)) {
                            leases.put(id, new Lease(name, clock.instant().plus(ttl)));
                            ours.add(id);
                        }
                    }
                }
                return Optional.of(ours);
            }

            @Override
            public Optional<Map<String, SharedVerdict>> verdicts(Collection<String> deploymentIds) {
                if (!reachable) {
                    return Optional.empty();
                }
                Map<String, SharedVerdict> found = new HashMap<>();
                deploymentIds.forEach(id -> verdict(id).ifPresent(v -> found.put(id, v)));
                return Optional.of(found);
            }

            @Override
            public boolean publish(List<DeploymentHealth> reached) {
                if (!reachable) {
                    return false;
                }
                reached.forEach(v -> verdicts.put(v.deployment().id(), SharedVerdict.of(v, name)));
                return true;
            }
        };
    }
}
