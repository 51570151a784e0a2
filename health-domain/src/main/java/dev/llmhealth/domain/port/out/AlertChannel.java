package dev.llmhealth.domain.port.out;

import dev.llmhealth.domain.model.AlertBatch;
import dev.llmhealth.domain.model.AlertType;
import dev.llmhealth.domain.model.DeliveryOutcome;

/**
 * Where alerts reach people: a Slack incoming webhook, a generic webhook, e-mail. Each is given its
 * own queue and thread by the domain, so one that hangs never delays another.
 */
public interface AlertChannel {

    /** {@code slack}, {@code webhook}, {@code email}: the metric label and the test report's key. */
    String name();

    /** Whether this channel takes alerts of this type at all (e.g. Slack with only per-type URLs). */
    default boolean accepts(AlertType type) {
        return true;
    }

    /**
     * One attempt, bounded by the channel's own timeout. Never throws for receiver trouble: that is
     * a {@link DeliveryOutcome.Retryable} or {@link DeliveryOutcome.Rejected}.
     */
    DeliveryOutcome deliver(AlertBatch batch);
}
