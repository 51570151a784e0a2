package dev.llmhealth.domain.model;

import java.time.Duration;
import java.util.Objects;

/** The outcome of one active check of one deployment. */
public sealed interface ProbeResult {

    record Healthy(Duration latency) implements ProbeResult {
        public Healthy {
            Objects.requireNonNull(latency, "latency");
        }
    }

    /** @param message short, already redacted, safe to show to anyone */
    record Unhealthy(ErrorKind kind, String message) implements ProbeResult {
        public Unhealthy {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    static ProbeResult healthy(Duration latency) {
        return new Healthy(latency);
    }

    static ProbeResult unhealthy(ErrorKind kind, String message) {
        return new Unhealthy(kind, message);
    }
}
