package dev.llmhealth.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * When a deployment needs an active probe at all, and how soon again while it is down. Kept apart
 * from {@link HealthSettings} so that record keeps its shape.
 *
 * @param skipProbeWhenTrafficOk {@code skip_probe_when_traffic_ok}: a deployment that served a successful real call
 *                               within the round interval is not probed; that call is its evidence
 * @param unhealthyInterval      {@code unhealthy_interval}: how often an unhealthy deployment is re-probed
 *                               (at most {@code health_check_interval}; equal to it means no extra re-checks)
 * @param dailyBudgetUsd         {@code health_check_daily_budget}: the day's probe spend (USD) after which completion
 *                               probes fall back to {@code models} mode until the next UTC day; 0: no budget
 */
public record ProbeSchedulingSettings(boolean skipProbeWhenTrafficOk, Duration unhealthyInterval, double dailyBudgetUsd) {

    /** Without a probe budget. */
    public ProbeSchedulingSettings(boolean skipProbeWhenTrafficOk, Duration unhealthyInterval) {
        this(skipProbeWhenTrafficOk, unhealthyInterval, 0);
    }

    public ProbeSchedulingSettings {
        Objects.requireNonNull(unhealthyInterval, "unhealthyInterval");
        if (!unhealthyInterval.isPositive()) {
            throw new IllegalArgumentException("unhealthy_interval must be positive, got " + unhealthyInterval.toMillis() + " ms");
        }
        if (!(dailyBudgetUsd >= 0) || Double.isInfinite(dailyBudgetUsd)) {
            throw new IllegalArgumentException("health_check_daily_budget must be 0 (none) or more, got " + dailyBudgetUsd);
        }
    }

    /** The defaults: traffic is evidence, unhealthy deployments re-probed on the ordinary interval. */
    public static ProbeSchedulingSettings defaults(HealthSettings health) {
        return new ProbeSchedulingSettings(true, health.interval());
    }

    /** Whether unhealthy deployments get re-checks between the rounds. */
    public boolean fasterWhileUnhealthy(HealthSettings health) {
        return unhealthyInterval.compareTo(health.interval()) < 0;
    }
}
