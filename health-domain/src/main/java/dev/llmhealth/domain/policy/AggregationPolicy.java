package dev.llmhealth.domain.policy;

import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.HealthStatus;
import dev.llmhealth.domain.model.ModelHealthReport;
import dev.llmhealth.domain.model.ProxyHealth;
import dev.llmhealth.domain.model.ServiceName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * When is the proxy unhealthy? Every rule is here, each one line of the spec's contract:
 * <ol>
 *   <li>a configured, required service is disconnected;</li>
 *   <li>deployments have been checked and not one of them is healthy;</li>
 *   <li>the checks themselves have stalled (no model round for too long).</li>
 * </ol>
 * Otherwise it is healthy. A service or deployment that is not configured can never fail it.
 */
public final class AggregationPolicy {

    private final Set<ServiceName> requiredServices;
    private final Duration stalledAfter;

    public AggregationPolicy(Set<ServiceName> requiredServices, Duration stalledAfter) {
        this.requiredServices = Set.copyOf(requiredServices);
        this.stalledAfter = stalledAfter;
    }

    public ProxyHealth evaluate(HealthSnapshot snapshot, Instant startedAt, Instant now) {
        List<DeploymentHealth> healthy = new ArrayList<>();
        List<DeploymentHealth> unhealthy = new ArrayList<>();
        for (DeploymentHealth deployment : snapshot.deployments()) {
            (deployment.isHealthy() ? healthy : unhealthy).add(deployment);
        }
        List<String> reasons = new ArrayList<>();
        for (ServiceName service : requiredServicesDown(snapshot)) {
            reasons.add(service.key() + " disconnected");
        }
        if (!snapshot.deployments().isEmpty() && healthy.isEmpty()) {
            reasons.add("no healthy deployment");
        }
        if (stalled(snapshot, startedAt, now)) {
            reasons.add("health checks stalled");
        }
        HealthStatus status = reasons.isEmpty() ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY;
        return new ProxyHealth(status, reasons, snapshot.database(), snapshot.redis(), healthy, unhealthy, snapshot.publishedAt());
    }

    /** A model group ({@code /health?model=}) is healthy while one of its deployments is. */
    public static HealthStatus groupStatus(ModelHealthReport group) {
        return group.healthy().isEmpty() ? HealthStatus.UNHEALTHY : HealthStatus.HEALTHY;
    }

    public boolean requiredServiceDown(HealthSnapshot snapshot, ServiceName service) {
        return requiredServices.contains(service) && snapshot.service(service).isDisconnected();
    }

    public Set<ServiceName> requiredServicesDown(HealthSnapshot snapshot) {
        Set<ServiceName> down = EnumSet.noneOf(ServiceName.class);
        for (ServiceName service : ServiceName.values()) {
            if (requiredServiceDown(snapshot, service)) {
                down.add(service);
            }
        }
        return down;
    }

    /** Stalled: the last round (or, before the first one, the start) is older than the stall bound. */
    public boolean stalled(HealthSnapshot snapshot, Instant startedAt, Instant now) {
        Instant lastProgress = snapshot.lastRoundEnded().orElse(startedAt);
        return Duration.between(lastProgress, now).compareTo(stalledAfter) > 0;
    }
}
