package dev.llmhealth.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What passive health remembers about one deployment.
 *
 * @param recentFailures  the latest failed calls that count, oldest first (no more than the rule needs)
 * @param cooldownUntil   when the latest cooldown ends (or ended)
 * @param cooldownsInARow cooldowns since traffic or a probe last showed the deployment healthy; 0: not taken out
 */
public record PassiveHealthState(List<Instant> recentFailures, Optional<Instant> cooldownUntil, int cooldownsInARow) {

    /** Nothing held against the deployment. */
    public static final PassiveHealthState CLEAN = new PassiveHealthState(List.of(), Optional.empty(), 0);

    public PassiveHealthState {
        recentFailures = List.copyOf(recentFailures);
        Objects.requireNonNull(cooldownUntil, "cooldownUntil");
        if (cooldownsInARow < 0) {
            throw new IllegalArgumentException("cooldownsInARow must not be negative");
        }
    }

    /** Taken out by traffic and not seen healthy since (the cooldown itself may be over). */
    public boolean takenOut() {
        return cooldownsInARow > 0;
    }

    public PassiveHealthState withRecentFailures(List<Instant> failures) {
        return new PassiveHealthState(failures, cooldownUntil, cooldownsInARow);
    }
}
