package dev.llmhealth.domain.model;

import java.util.List;

/** Checked deployments split by state, as {@code /health/models} shows them. */
public record ModelHealthReport(List<DeploymentHealth> healthy, List<DeploymentHealth> unhealthy) {

    public ModelHealthReport {
        healthy = List.copyOf(healthy);
        unhealthy = List.copyOf(unhealthy);
    }
}
