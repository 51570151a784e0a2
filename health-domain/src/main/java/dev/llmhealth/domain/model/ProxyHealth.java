package dev.llmhealth.domain.model;

import java.time.Instant;
import java.util.List;

/**
 * The answer to "is the proxy healthy?", with the evidence.
 *
 * @param reasons why it is unhealthy, empty when healthy
 */
public record ProxyHealth(
        HealthStatus status,
        List<String> reasons,
        ServiceHealth database,
        ServiceHealth redis,
        List<DeploymentHealth> healthy,
        List<DeploymentHealth> unhealthy,
        Instant checkedAt) {

    public ProxyHealth {
        reasons = List.copyOf(reasons);
        healthy = List.copyOf(healthy);
        unhealthy = List.copyOf(unhealthy);
    }

    public boolean isHealthy() {
        return status == HealthStatus.HEALTHY;
    }
}
