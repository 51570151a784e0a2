package dev.llmhealth.domain.model;

import java.util.List;

/**
 * Alerts of one kind of change (same {@link Alert#groupKey()}) sent as one message, so a storm of
 * failing deployments reaches a channel as one message per model group, not one per deployment.
 */
public record AlertBatch(List<Alert> alerts) {

    public AlertBatch {
        alerts = List.copyOf(alerts);
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one alert");
        }
    }

    public Alert first() {
        return alerts.getFirst();
    }

    public AlertType type() {
        return first().type();
    }

    public Alert.Phase phase() {
        return first().phase();
    }

    /** "Deployment unhealthy", or "Deployment unhealthy (100)" for a storm. */
    public String headline() {
        return alerts.size() == 1 ? first().headline() : first().headline() + " (" + alerts.size() + ")";
    }
}
