package dev.llmhealth.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What {@code /health/uptime} can say: each deployment's uptime over a window, or why it cannot now. */
public sealed interface UptimeAnswer {

    /**
     * @param from      the window's start
     * @param truncated a model group had more transitions in the window than one read returns: its
     *                  figures start at the oldest one read (their {@code observed} time says how much)
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
