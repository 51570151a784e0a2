package dev.llmhealth.archfixture.compliant.adapters.probes.support;

import java.time.Duration;

/** Code shared by the probe adapters: allowed, as long as it knows none of them. */
public final class Timeouts {
    private Timeouts() {
    }

    public static Duration capped(Duration requested) {
        Duration cap = Duration.ofSeconds(5);
        return requested.compareTo(cap) > 0 ? cap : requested;
    }
}
