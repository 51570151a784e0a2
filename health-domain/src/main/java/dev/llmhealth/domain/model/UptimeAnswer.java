package dev.llmhealth.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What {@code /health/uptime} can say: each deployment's uptime over a window, or why it cannot now. */
public sealed interface UptimeAnswer {

    /**
     * @param from      the start of the span the figures cover: the window's start, or later when the
     *                  history held more transitions than one read returns ({@code truncated})
     * @param truncated the oldest part of the window was left out (see {@code from})
     */
    record Found(UptimeWindow window, Instant from, Instant to, boolean truncated, List<DeploymentUptime> deployments)
            implements UptimeAnswer {
        public Found {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            deployments = List.copyOf(deployments);
        }
    }

    /** @param reason short and redacted (the history's database is unreachable) */
    record Unavailable(String reason) implements UptimeAnswer {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
