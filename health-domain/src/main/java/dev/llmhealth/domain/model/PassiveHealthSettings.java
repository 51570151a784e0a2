package dev.llmhealth.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Passive health: what real traffic may do to a deployment (LiteLLM's router cooldowns, Envoy's
 * outlier detection). More than {@code allowedFails} failed calls within {@code window} take a
 * deployment out for {@code cooldownTime}; each further cooldown in a row lasts twice as long, up
 * to {@code maxCooldownTime}.
 *
 * @param enabled         false ({@code disable_cooldowns: true}): traffic is counted, never judged
 * @param allowedFails    {@code allowed_fails}: failed calls tolerated within the window
 * @param window          the span failures are counted over (LiteLLM's minute)
 * @param cooldownTime    {@code cooldown_time}: how long the first cooldown lasts
 * @param maxCooldownTime {@code max_cooldown_time}: the longest a repeated cooldown may last
 */
public record PassiveHealthSettings(
        boolean enabled,
        int allowedFails,
        Duration window,
        Duration cooldownTime,
        Duration maxCooldownTime) {

    public PassiveHealthSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(cooldownTime, "cooldownTime");
        Objects.requireNonNull(maxCooldownTime, "maxCooldownTime");
        if (allowedFails < 0) {
            throw new IllegalArgumentException("allowed_fails must not be negative, got " + allowedFails);
        }
        if (!window.isPositive()) {
            throw new IllegalArgumentException("the passive health window must be positive");
        }
        if (!cooldownTime.isPositive()) {
            throw new IllegalArgumentException("cooldown_time must be positive, got " + cooldownTime.toMillis() + " ms");
        }
        if (maxCooldownTime.compareTo(cooldownTime) < 0) {
            throw new IllegalArgumentException("max_cooldown_time must be at least cooldown_time");
        }
    }

    /** LiteLLM's defaults: 3 failures allowed per minute, 5 s cooldown; a 300 s cap. */
    public static PassiveHealthSettings defaults() {
        return new PassiveHealthSettings(true, 3, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(300));
    }

    public PassiveHealthSettings disabled() {
        return new PassiveHealthSettings(false, allowedFails, window, cooldownTime, maxCooldownTime);
    }
}
