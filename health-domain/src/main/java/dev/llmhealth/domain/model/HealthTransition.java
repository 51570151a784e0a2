package dev.llmhealth.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of state of a deployment or a service, as kept in the health history.
 *
 * @param subject   the deployment id, or the service's key ({@code database}, {@code redis})
 * @param modelName the deployment's model group; empty for a service
 * @param from      the state word before ({@code healthy}, {@code connected}, ...), or {@value #UNCHECKED}
 * @param to        the state word after
 * @param error     why, when the new state is a bad one (already redacted)
 * @param replica   the replica that saw it (for a probe verdict: the lease holder that probed)
 */
public record HealthTransition(SubjectKind kind, String subject, Optional<String> modelName, String from, String to,
                               Optional<String> error, Instant at, String replica) {

    /** The {@code from} of a subject's first verdict. */
    public static final String UNCHECKED = "unchecked";

    public enum SubjectKind {
        DEPLOYMENT("deployment"),
        SERVICE("service");

        private final String word;

        SubjectKind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public HealthTransition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(replica, "replica");
    }

    /** The transition from {@code previous} to {@code now}, if the state changed (or this is the first verdict). */
    public static Optional<HealthTransition> between(Optional<DeploymentHealth> previous, DeploymentHealth now, String replica) {
        if (previous.isPresent() && previous.get().state() == now.state()) {
            return Optional.empty();
        }
        String from = previous.map(p -> p.state().word()).orElse(UNCHECKED);
        return Optional.of(new HealthTransition(SubjectKind.DEPLOYMENT, now.deployment().id(),
                Optional.of(now.deployment().modelName()), from, now.state().word(),
                now.isHealthy() ? Optional.empty() : now.error(), now.lastCheck(), replica));
    }

    /** The transition of a service from {@code previous} to {@code now}, if its status word changed. */
    public static Optional<HealthTransition> between(ServiceName service, Optional<ServiceHealth> previous, ServiceHealth now,
                                                     Instant at, String replica) {
        if (!now.isConfigured() || previous.isPresent() && previous.get().word().equals(now.word())) {
            return Optional.empty();
        }
        Optional<String> error = now instanceof ServiceHealth.Disconnected down ? Optional.of(down.error()) : Optional.empty();
        return Optional.of(new HealthTransition(SubjectKind.SERVICE, service.key(), Optional.empty(),
                previous.map(ServiceHealth::word).orElse(UNCHECKED), now.word(), error, at, replica));
    }
}
