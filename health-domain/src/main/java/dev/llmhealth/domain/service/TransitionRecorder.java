package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.port.out.HealthHistory;
import dev.llmhealth.domain.port.out.TransitionListener;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place a change of state is decided ({@link HealthTransition#between}) and handed on, named
 * after this replica, to whoever listens: the history, the log, alerts, live views.
 */
public record TransitionRecorder(TransitionListener listener, String replica) {

    public TransitionRecorder {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(replica, "replica");
    }

    /** Into the history only. */
    public TransitionRecorder(HealthHistory history, String replica) {
        this(history::record, replica);
    }

    /** Records nothing. */
    public static TransitionRecorder none() {
        return new TransitionRecorder(TransitionListener.NONE, dev.llmhealth.domain.model.CoordinationMode.LONE_REPLICA);
    }

    void deployment(Optional<DeploymentHealth> previous, DeploymentHealth now) {
        HealthTransition.between(previous, now, replica).ifPresent(listener::transitioned);
    }

    /** A service's check: its change, if any, then the check itself (so listeners can count how long a state held). */
    void service(ServiceName service, Optional<ServiceHealth> previous, ServiceHealth now, Instant at) {
        HealthTransition.between(service, previous, now, at, replica).ifPresent(listener::transitioned);
        if (now.isConfigured()) {
            listener.serviceChecked(service, now, at);
        }
    }
}
