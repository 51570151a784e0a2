package dev.llmhealth.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing worth telling a person: something went wrong ({@link Phase#FIRING}), or it is over
 * ({@link Phase#RESOLVED}, with how long it lasted), or an operator asked for a test. Carries no
 * secret: errors are redacted before they get here, and no channel's address is part of it.
 *
 * @param subjectKind what the subject is: {@code deployment}, {@code model_group}, {@code upstream_host}, {@code service}, {@code test}
 * @param subject     the deployment id, the model group, the {@code host:port}, the service key
 * @param modelGroup  the model group concerned (a deployment's, a group outage's); empty for a service
 * @param apiBase     the deployment's {@code api_base} when the subject is one deployment
 * @param since       when the bad state started (for a resolved alert: when the outage began)
 * @param duration    for a resolved alert: how long the bad state lasted
 * @param at          when this change was seen
 * @param replica     the replica that raised it
 */
public record Alert(AlertType type, Phase phase, String subjectKind, String subject, Optional<String> modelGroup,
                    Optional<String> apiBase, Optional<String> error, Instant since, Optional<Duration> duration, Instant at,
                    String replica) {

    public enum Phase {
        FIRING("firing"),
        RESOLVED("resolved"),
        TEST("test");

        private final String word;

        Phase(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public Alert {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(subjectKind, "subjectKind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(modelGroup, "modelGroup");
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(replica, "replica");
    }

    /** What an operator reads first: e.g. "Deployment unhealthy", "Model group back". */
    public String headline() {
        String what = switch (subjectKind) {
            case "deployment" -> type == AlertType.LLM_TOO_SLOW ? "Deployment slow" : "Deployment";
            case "model_group" -> "Model group";
            case "upstream_host" -> "Upstream host";
            case "service" -> "Service " + subject;
            default -> "Test alert";
        };
        if (phase == Phase.TEST) {
            return "Test alert from the LLM proxy health service";
        }
        boolean slow = type == AlertType.LLM_TOO_SLOW;
        return what + switch (phase) {
            case FIRING -> slow ? "" : subjectKind.equals("service") ? " disconnected" : subjectKind.equals("deployment") ? " unhealthy" : " down";
            case RESOLVED -> slow ? ": fast again" : subjectKind.equals("service") ? " reconnected" : subjectKind.equals("deployment") ? " recovered" : " back";
            case TEST -> "";
        };
    }

    /** Alerts with the same key that arrive within the grouping window go out as one message: one per type, change and model group. */
    public String groupKey() {
        return type.word() + "/" + phase.word() + "/" + modelGroup.orElse("-");
    }
}
