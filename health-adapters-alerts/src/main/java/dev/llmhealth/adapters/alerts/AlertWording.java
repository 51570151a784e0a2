package dev.llmhealth.adapters.alerts;

import dev.llmhealth.domain.model.Alert;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The words every channel uses for the same facts, so Slack, webhook and e-mail never disagree. */
final class AlertWording {

    private AlertWording() {
    }

    /** {@code 1h 2m 5s}, {@code 45s}, {@code 0s}. */
    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (h > 0) {
            text.append(h).append("h ");
        }
        if (h > 0 || m > 0) {
            text.append(m).append("m ");
        }
        return text.append(s).append('s').toString();
    }

    static String instant(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The colour of a change: red for firing, green for resolved, grey for a test. */
    static String marker(Alert.Phase phase) {
        return switch (phase) {
            case FIRING -> "\uD83D\uDD34";
            case RESOLVED -> "\uD83D\uDFE2";
            case TEST -> "\u2699\uFE0F";
        };
    }

    /** One line of facts about an alert, plain text. */
    static String facts(Alert alert) {
        StringBuilder line = new StringBuilder(alert.subjectKind()).append(' ').append(alert.subject());
        alert.modelGroup().filter(group -> !alert.subjectKind().equals("model_group"))
                .ifPresent(group -> line.append(" | model group ").append(group));
        alert.apiBase().ifPresent(base -> line.append(" | api_base ").append(base));
        alert.error().ifPresent(error -> line.append(" | error: ").append(error));
        line.append(" | since ").append(instant(alert.since()));
        alert.duration().ifPresent(d -> line.append(" | lasted ").append(duration(d)));
        return line.toString();
    }
}
