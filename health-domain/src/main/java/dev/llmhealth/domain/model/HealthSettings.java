package dev.llmhealth.domain.model;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The knobs of the health subsystem, with the names LiteLLM and Envoy users know.
 *
 * @param interval               {@code health_check_interval}: the model round period
 * @param timeout                {@code health_check_timeout}: one probe's deadline (a timeout is a failure)
 * @param jitterPercent          {@code interval_jitter_percent}: rounds spread by up to this share of the interval
 * @param initialJitter          {@code initial_jitter}: delay before the first round (0: at once)
 * @param serviceCheckInterval   {@code service_check_interval}: database and Redis check period
 * @param unhealthyThreshold     consecutive failures before healthy turns unhealthy
 * @param healthyThreshold       consecutive successes before unhealthy turns healthy
 * @param ignoreTransientErrors  {@code health_check_ignore_transient_errors}: 429/408 count as healthy, with a warning
 * @param backgroundChecks       {@code background_health_checks}: false stops scheduled model probes
 * @param globalConcurrency      probes in flight at once, over all upstreams
 * @param perHostConcurrency     probes in flight at once against one upstream {@code host:port}
 * @param requiredServices       services whose outage makes the proxy unhealthy (when configured)
 */
public record HealthSettings(
        Duration interval,
        Duration timeout,
        int jitterPercent,
        Duration initialJitter,
        Duration serviceCheckInterval,
        int unhealthyThreshold,
        int healthyThreshold,
        boolean ignoreTransientErrors,
        boolean backgroundChecks,
        int globalConcurrency,
        int perHostConcurrency,
        Set<ServiceName> requiredServices) {

    public HealthSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialJitter, "initialJitter");
        Objects.requireNonNull(serviceCheckInterval, "serviceCheckInterval");
        requirePositive(interval, "health_check_interval");
        requirePositive(timeout, "health_check_timeout");
        requirePositive(serviceCheckInterval, "service_check_interval");
        if (jitterPercent < 0 || jitterPercent > 100) {
            throw new IllegalArgumentException("interval_jitter_percent must be between 0 and 100, got " + jitterPercent);
        }
        if (initialJitter.isNegative()) {
            throw new IllegalArgumentException("initial_jitter must not be negative");
        }
        requireAtLeastOne(unhealthyThreshold, "unhealthy_threshold");
        requireAtLeastOne(healthyThreshold, "healthy_threshold");
        requireAtLeastOne(globalConcurrency, "health_check_concurrency");
        requireAtLeastOne(perHostConcurrency, "health_check_concurrency_per_host");
        requiredServices = requiredServices.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requiredServices));
    }

    /** LiteLLM's defaults, and ours where LiteLLM has none (README, Configuration). */
    public static HealthSettings defaults() {
        return new HealthSettings(Duration.ofSeconds(300), Duration.ofSeconds(10), 10, Duration.ZERO,
                Duration.ofSeconds(5), 1, 1, false, true, 256, 16, Set.of(ServiceName.DATABASE));
    }

    /** Every duration derived from these settings (round deadline, leases, stall bound, ...). */
    public HealthTiming timing() {
        return HealthTiming.of(this);
    }

    /** The absolute deadline of a round, measured from its start ({@link HealthTiming#roundDeadline()}). */
    public Duration roundDeadline() {
        return timing().roundDeadline();
    }

    /** A snapshot whose model round is older than this means the checks have stalled ({@link HealthTiming#stalledAfter()}). */
    public Duration stalledAfter() {
        return timing().stalledAfter();
    }

    public HealthSettings withInterval(Duration newInterval) {
        return new HealthSettings(newInterval, timeout, jitterPercent, initialJitter, serviceCheckInterval,
                unhealthyThreshold, healthyThreshold, ignoreTransientErrors, backgroundChecks, globalConcurrency,
                perHostConcurrency, requiredServices);
    }

    private static void requirePositive(Duration value, String key) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be positive, got " + value.toMillis() + " ms");
        }
    }

    private static void requireAtLeastOne(int value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, got " + value);
        }
    }
}
