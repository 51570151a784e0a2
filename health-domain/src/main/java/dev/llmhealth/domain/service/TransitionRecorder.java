package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.port.out.HealthHistory;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Hands every state change this replica sees to the history, named after the replica. */
public record TransitionRecorder(HealthHistory history, String replica) {

    public TransitionRecorder {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(replica, "replica");
    }

    /** Records nothing. */
    public static TransitionRecorder none() {
        return new TransitionRecorder(HealthHistory.NONE, "local");
    }

    void deployment(Optional<DeploymentHealth> previous, DeploymentHealth now) {
        HealthTransition.between(previous, now, replica).ifPresent(history::record);
    }

    void service(ServiceName service, Optional<ServiceHealth> previous, ServiceHealth now, Instant at) {
        HealthTransition.between(service, previous, now, at, replica).ifPresent(history::record);
    }
}
