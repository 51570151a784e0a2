package dev.llmhealth.domain.policy;

import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.PassiveHealthSettings;
import dev.llmhealth.domain.model.PassiveHealthState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * LiteLLM's cooldown rule, applied to real traffic: more than {@code allowed_fails} failed calls
 * within the window (60 s) take a deployment out for {@code cooldown_time}. Once the cooldown is
 * over the deployment may take a call again: a success brings it back, a failure while the window
 * still holds enough failures takes it out again, for twice as long (jittered by up to 10 %, capped
 * at {@code max_cooldown_time}), so a dead upstream costs one call per cooldown, not a burst.
 * Client errors (a 4xx other than auth, not found, timeout and rate limit) are the caller's fault
 * and never count. Pure: the state goes in, the next state and what changed come out.
 */
public final class PassiveHealthPolicy {

    /** What one call did to the deployment. */
    public sealed interface Decision {
    }

    /** Nothing for anyone to act on. */
    public record Unchanged() implements Decision {
    }

    /** Taken out: report it unhealthy until {@code until}. */
    public record CooledDown(int failuresInWindow, Duration length, Instant until) implements Decision {
    }

    /** A successful call after a cooldown: healthy again. */
    public record Recovered() implements Decision {
    }

    public record Step(PassiveHealthState state, Decision decision) {
    }

    private static final Decision UNCHANGED = new Unchanged();
    private static final double JITTER_SHARE = 0.10;

    private final PassiveHealthSettings settings;
    private final DoubleSupplier uniformRandom;

    /** @param uniformRandom values in [0, 1) that spread repeated cooldowns, so replicas do not retry in lockstep */
    public PassiveHealthPolicy(PassiveHealthSettings settings, DoubleSupplier uniformRandom) {
        this.settings = settings;
        this.uniformRandom = uniformRandom;
    }

    public PassiveHealthSettings settings() {
        return settings;
    }

    /** Client errors say nothing about the deployment. */
    public static boolean countsAgainstDeployment(ErrorKind kind) {
        return kind != ErrorKind.HTTP_ERROR;
    }

    public Step afterFailure(PassiveHealthState state, ErrorKind kind, Instant now) {
        if (!settings.enabled() || !countsAgainstDeployment(kind)) {
            return new Step(state, UNCHANGED);
        }
        List<Instant> failures = recentFailuresWith(state.recentFailures(), now);
        if (coolingDown(state, now) || failures.size() <= settings.allowedFails()) {
            // calls that started before the cooldown still end in it: they do not extend it
            return new Step(state.withRecentFailures(failures), UNCHANGED);
        }
        int nth = state.cooldownsInARow() + 1;
        Duration length = cooldownLength(nth);
        Instant until = now.plus(length);
        return new Step(new PassiveHealthState(failures, Optional.of(until), nth),
                new CooledDown(failures.size(), length, until));
    }

    public Step afterSuccess(PassiveHealthState state, Instant now) {
        // a success that lands during the cooldown was sent before it: only a call after it decides
        if (!settings.enabled() || !state.takenOut() || coolingDown(state, now)) {
            return new Step(state, UNCHANGED);
        }
        return new Step(PassiveHealthState.CLEAN, new Recovered());
    }

    /** A probe found the deployment healthy: nothing is held against it any more. */
    public PassiveHealthState afterProbeRecovery() {
        return PassiveHealthState.CLEAN;
    }

    /** Within a cooldown now: the deployment takes no traffic. */
    public boolean coolingDown(PassiveHealthState state, Instant now) {
        return settings.enabled() && state.takenOut() && state.cooldownUntil().filter(now::isBefore).isPresent();
    }

    /** The {@code nth} cooldown in a row: {@code cooldown_time} doubled each time, jittered, capped. */
    Duration cooldownLength(int nth) {
        Duration base = settings.cooldownTime();
        if (nth <= 1) {
            return base;
        }
        Duration cap = settings.maxCooldownTime();
        int doublings = Math.min(nth - 1, 30);
        Duration doubled = base.multipliedBy(1L << doublings);
        if (doubled.compareTo(cap) > 0 || doubled.isNegative()) {
            doubled = cap;
        }
        double factor = 1 + (uniformRandom.getAsDouble() * 2 - 1) * JITTER_SHARE;
        Duration jittered = Duration.ofMillis(Math.round(doubled.toMillis() * factor));
        return jittered.compareTo(cap) > 0 ? cap : jittered;
    }

    /** The failures still inside the window, plus this one; only as many as the rule can ever need. */
    private List<Instant> recentFailuresWith(List<Instant> earlier, Instant now) {
        Instant windowStart = now.minus(settings.window());
        List<Instant> kept = new ArrayList<>(earlier.size() + 1);
        for (Instant failure : earlier) {
            if (failure.isAfter(windowStart)) {
                kept.add(failure);
            }
        }
        kept.add(now);
        int needed = settings.allowedFails() + 1;
        return kept.size() > needed ? kept.subList(kept.size() - needed, kept.size()) : kept;
    }
}
