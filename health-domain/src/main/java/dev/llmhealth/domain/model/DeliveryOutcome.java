package dev.llmhealth.domain.model;

import java.util.Objects;

/** What one attempt to hand a message to a channel came to. Reasons never carry a channel's address or secret. */
public sealed interface DeliveryOutcome {

    /** The receiver took it (2xx, or the mail server accepted it). */
    record Delivered() implements DeliveryOutcome {
    }

    /** Worth another try later: a 5xx, a 429, a timeout, a refused connection. */
    record Retryable(String reason) implements DeliveryOutcome {
        public Retryable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Trying again cannot help (a 4xx other than 408/429, a rejected login, a bad address). */
    record Rejected(String reason) implements DeliveryOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    DeliveryOutcome DELIVERED = new Delivered();

    default boolean delivered() {
        return this instanceof Delivered;
    }

    default String reason() {
        return switch (this) {
            case Delivered d -> "delivered";
            case Retryable r -> r.reason();
            case Rejected r -> r.reason();
        };
    }
}
