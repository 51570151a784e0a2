package dev.llmhealth.domain.port.out;

import dev.llmhealth.domain.model.ServiceHealth;
import java.time.Duration;

/** Checks one connected service: connectivity and latency, within a deadline. */
public interface ServiceProbe {

    /** Never throws for service trouble: reports {@code Disconnected} with a redacted reason. */
    ServiceHealth check(Duration timeout);

    /** False when the service is not configured at all; it is then reported {@code not_configured}. */
    default boolean configured() {
        return true;
    }
}
