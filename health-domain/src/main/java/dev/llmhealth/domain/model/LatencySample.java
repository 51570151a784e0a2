package dev.llmhealth.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One probe's latency, for the status page's sparkline.
 *
 * @param healthy whether the probe passed (a failed probe's latency is how long it took to fail)
 */
public record LatencySample(Instant at, Duration latency, boolean healthy) {

    public LatencySample {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(latency, "latency");
    }
}
