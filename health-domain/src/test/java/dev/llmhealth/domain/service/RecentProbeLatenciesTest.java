package dev.llmhealth.domain.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.Fixtures;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.LatencySample;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.port.out.ModelProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentProbeLatenciesTest {

    /** Each reading a second later than the one before. */
    private static Clock ticking() {
        AtomicInteger reads = new AtomicInteger();
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Fixtures.T0.plusSeconds(reads.getAndIncrement());
            }
        };
    }

    @Test
    void keepsTheLatestOfEachDeploymentInARingWithFailuresTimedToTheirEnd() {
        RecentProbeLatencies latencies = new RecentProbeLatencies(3, ticking());
        AtomicInteger calls = new AtomicInteger();
        ModelProbe probe = latencies.measuring((deployment, timeout) -> calls.incrementAndGet() == 4
                ? ProbeResult.unhealthy(ErrorKind.TIMEOUT, "timed out")
                : ProbeResult.healthy(Duration.ofMillis(10L * calls.get())));
        for (int i = 0; i < 4; i++) {
            probe.probe(Fixtures.deployment("a", "gpt-4"), Duration.ofSeconds(1));
        }
        probe.probe(Fixtures.deployment("b", "claude"), Duration.ofSeconds(1));

        List<LatencySample> a = latencies.recentLatencies().get("a");
        assertEquals(List.of(Duration.ofMillis(20), Duration.ofMillis(30), Duration.ofSeconds(1)),
                a.stream().map(LatencySample::latency).toList(), "the oldest went, the failure took one clock tick");
        assertTrue(a.get(0).healthy());
        assertFalse(a.get(2).healthy());
        assertEquals(1, latencies.recentLatencies().get("b").size());
    }
}
