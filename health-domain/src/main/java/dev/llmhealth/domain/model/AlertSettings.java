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
 * @param serviceAlertAfterChecks {@code service_alert_after_checks}: a database or Redis change is alerted once it held for this
 *                       many consecutive service checks on the replica (so one slow check on one replica alerts nothing)
 */
public record AlertSettings(Set<AlertType> types, Duration slowThreshold, Duration groupingWindow, int queueCapacity, int maxAttempts,
                            Duration firstBackoff, Duration maxBackoff, int serviceAlertAfterChecks) {

    /** The default {@code service_alert_after_checks}. */
    public static final int DEFAULT_SERVICE_ALERT_AFTER_CHECKS = 2;

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
        if (serviceAlertAfterChecks < 1) {
            throw new IllegalArgumentException("service_alert_after_checks must be at least 1");
        }
    }

    /** With service changes alerted after {@value #DEFAULT_SERVICE_ALERT_AFTER_CHECKS} checks. */
    public AlertSettings(Set<AlertType> types, Duration slowThreshold, Duration groupingWindow, int queueCapacity, int maxAttempts,
                         Duration firstBackoff, Duration maxBackoff) {
        this(types, slowThreshold, groupingWindow, queueCapacity, maxAttempts, firstBackoff, maxBackoff, DEFAULT_SERVICE_ALERT_AFTER_CHECKS);
    }

    public static AlertSettings defaults() {
        return new AlertSettings(AlertType.raisedByHealth(), Duration.ofSeconds(300), Duration.ofSeconds(5), 1000, 5,
                Duration.ofSeconds(1), Duration.ofSeconds(60), DEFAULT_SERVICE_ALERT_AFTER_CHECKS);
    }

    public boolean raises(AlertType type) {
        return types.contains(type);
    }
}
