package dev.llmhealth.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Every duration derived from the health settings, computed in one place so the round, the checks
 * on request, the service checks, the leases and the stall rule never disagree on what "a round" is.
 *
 * @param probeTimeout        {@code health_check_timeout}: what one probe may take
 * @param roundDeadline       a round's absolute deadline from its start: the probe timeout plus {@link #GRACE}
 * @param forcedCheckSpacing  a model group is probed on request at most once in this span
 * @param forcedCheckWait     how long a caller waits for a check on request that someone else started
 * @param serviceDeadline     how long a database or cache check may take before it counts as down
 * @param leaseTtl            a probe lease: a little over one period of the holder's rounds (interval, its jitter,
 *                            a round's deadline, a margin), so the holder renews it at its next round and a replica
 *                            that died loses it soon after
 * @param verdictTtl          a shared verdict outlives many rounds (a restarted fleet starts from it), at least an hour
 * @param coordinationTimeout leases and verdicts are small calls: a shared store slower than this counts as unreachable
 * @param stalledAfter        a model round older than this means the checks have stalled
 */
public record HealthTiming(Duration probeTimeout, Duration roundDeadline, Duration forcedCheckSpacing, Duration forcedCheckWait,
                           Duration serviceDeadline, Duration leaseTtl, Duration verdictTtl, Duration coordinationTimeout,
                           Duration stalledAfter) {

    /** What a round, or a service check, may run over its probes' timeout: their answers' last round trips. */
    public static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration FORCED_CHECK_SPACING = Duration.ofSeconds(5);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    private static final Duration COORDINATION_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MIN_VERDICT_TTL = Duration.ofHours(1);

    public HealthTiming {
        Objects.requireNonNull(probeTimeout, "probeTimeout");
        Objects.requireNonNull(roundDeadline, "roundDeadline");
        Objects.requireNonNull(forcedCheckSpacing, "forcedCheckSpacing");
        Objects.requireNonNull(forcedCheckWait, "forcedCheckWait");
        Objects.requireNonNull(serviceDeadline, "serviceDeadline");
        Objects.requireNonNull(leaseTtl, "leaseTtl");
        Objects.requireNonNull(verdictTtl, "verdictTtl");
        Objects.requireNonNull(coordinationTimeout, "coordinationTimeout");
        Objects.requireNonNull(stalledAfter, "stalledAfter");
    }

    public static HealthTiming of(HealthSettings settings) {
        Duration interval = settings.interval();
        Duration timeout = settings.timeout();
        Duration roundDeadline = deadlineAfter(timeout);
        Duration margin = max(interval.dividedBy(10), LEASE_MARGIN);
        Duration leaseTtl = interval.plus(interval.multipliedBy(settings.jitterPercent()).dividedBy(100)).plus(roundDeadline).plus(margin);
        return new HealthTiming(timeout, roundDeadline, FORCED_CHECK_SPACING, roundDeadline.plus(GRACE), roundDeadline, leaseTtl,
                max(interval.multipliedBy(10), MIN_VERDICT_TTL), min(timeout, COORDINATION_TIMEOUT),
                interval.multipliedBy(3).plus(roundDeadline));
    }

    /** The deadline of work whose slowest part may take {@code longestTimeout}: that plus {@link #GRACE}. */
    public static Duration deadlineAfter(Duration longestTimeout) {
        return longestTimeout.plus(GRACE);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
