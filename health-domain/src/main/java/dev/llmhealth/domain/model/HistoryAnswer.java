package dev.llmhealth.domain.model;

import java.util.List;
import java.util.Objects;

/** What the health history could say: the transitions asked for, or why it cannot answer now. */
public sealed interface HistoryAnswer {

    /** @param transitions newest first */
    record Found(List<HealthTransition> transitions) implements HistoryAnswer {
        public Found {
            transitions = List.copyOf(transitions);
        }
    }

    /** @param reason short and redacted (e.g. the database is unreachable) */
    record Unavailable(String reason) implements HistoryAnswer {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
