package dev.llmhealth.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The derived durations, each from the settings in one place. */
class HealthTimingTest {

    private static HealthSettings settings(Duration interval, Duration timeout, int jitterPercent) {
        return new HealthSettings(interval, timeout, jitterPercent, Duration.ZERO, Duration.ofSeconds(5), 1, 1, false, true, 256, 16,
                Set.of(ServiceName.DATABASE));
    }

    @Test
    void withLiteLlmsDefaults() {
        HealthTiming timing = HealthSettings.defaults().timing();
        assertEquals(Duration.ofSeconds(10), timing.probeTimeout());
        assertEquals(Duration.ofSeconds(11), timing.roundDeadline(), "timeout + 1 s");
        assertEquals(Duration.ofSeconds(12), timing.forcedCheckWait(), "a round's deadline and the grace again");
        assertEquals(Duration.ofSeconds(11), timing.serviceDeadline());
        // 300 s + 10 % jitter + the round's 11 s + a tenth of the interval
        assertEquals(Duration.ofSeconds(300 + 30 + 11 + 30), timing.leaseTtl());
        assertEquals(Duration.ofHours(1), timing.verdictTtl(), "ten intervals (50 min) are under the hour's floor");
        assertEquals(Duration.ofSeconds(6000), settings(Duration.ofSeconds(600), Duration.ofSeconds(10), 10).timing().verdictTtl(),
                "ten intervals when that is over an hour");
        assertEquals(Duration.ofSeconds(2), timing.coordinationTimeout());
        assertEquals(Duration.ofSeconds(900 + 11), timing.stalledAfter(), "three intervals and a round");
    }

    @Test
    void shortIntervalsKeepTheFloors() {
        HealthTiming timing = settings(Duration.ofSeconds(1), Duration.ofMillis(500), 0).timing();
        assertEquals(Duration.ofMillis(1500), timing.roundDeadline());
        assertEquals(Duration.ofMillis(1000 + 1500 + 5000), timing.leaseTtl(), "at least 5 s of margin");
        assertEquals(Duration.ofHours(1), timing.verdictTtl(), "at least an hour");
        assertEquals(Duration.ofMillis(500), timing.coordinationTimeout(), "never longer than a probe");
        assertEquals(timing.roundDeadline(), HealthTiming.deadlineAfter(Duration.ofMillis(500)));
    }
}
