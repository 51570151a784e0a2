package dev.llmhealth.domain;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.DeploymentState;
import dev.llmhealth.domain.model.EvidenceSource;
import dev.llmhealth.domain.model.ProbeMode;
import java.time.Instant;
import java.util.Optional;

/** Small builders for domain tests. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2024-01-15T10:30:00Z");

    private Fixtures() {
    }

    public static Deployment deployment(String id, String model) {
        return new Deployment(id, model, "http://upstream-" + id + ":8000/v1", ProbeMode.MODELS);
    }

    public static DeploymentHealth healthy(String id, String model) {
        return new DeploymentHealth(deployment(id, model), DeploymentState.HEALTHY, EvidenceSource.PROBE, T0, T0,
                Optional.empty(), Optional.empty(), 0, 1, Optional.of(T0));
    }

    public static DeploymentHealth unhealthy(String id, String model) {
        return new DeploymentHealth(deployment(id, model), DeploymentState.UNHEALTHY, EvidenceSource.PROBE, T0, T0,
                Optional.of("HTTP 500"), Optional.empty(), 1, 0, Optional.empty());
    }
}
