package dev.llmhealth.domain.model;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How alerts are raised and delivered.
 *
 * @param types          {@code alert_types}: what is raised (default: all the health subsystem raises)
 * @param slowThreshold  {@code alerting_threshold}: a probe slower than this raises {@code llm_too_slow} (LiteLLM's default 300 s)
 * @param groupingWindow alerts arriving within this of the first one of a kind go out as one message
 * @param queueCapacity  alerts each channel holds while it is slow or down; beyond it they are dropped and counted
 * @param maxAttempts    tries per message on a retryable failure
 * @param firstBackoff   the wait before the second try; doubled each time, capped at {@code maxBackoff}
 * @param maxBackoff     the longest wait between two tries
 */
public record AlertSettings(Set<AlertType> types, Duration slowThreshold, Duration groupingWindow, int queueCapacity, int maxAttempts,
                            Duration firstBackoff, Duration maxBackoff) {

    public AlertSettings {
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        Objects.requireNonNull(slowThreshold, "slowThreshold");
        Objects.requireNonNull(groupingWindow, "groupingWindow");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (queueCapacity < 1 || maxAttempts < 1 || groupingWindow.isNegative() || firstBackoff.isNegative()
                || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("alert queue and attempts must be at least 1, waits not negative, max backoff >= first");
        }
    }

    public static AlertSettings defaults() {
        return new AlertSettings(AlertType.raisedByHealth(), Duration.ofSeconds(300), Duration.ofSeconds(5), 1000, 5,
                Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    public boolean raises(AlertType type) {
        return types.contains(type);
    }
}
