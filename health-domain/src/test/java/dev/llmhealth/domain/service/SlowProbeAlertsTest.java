package dev.llmhealth.domain.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.Fixtures;
import dev.llmhealth.domain.ManualClock;
import dev.llmhealth.domain.model.Alert;
import dev.llmhealth.domain.model.AlertSettings;
import dev.llmhealth.domain.model.AlertType;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.port.out.AlertMetrics;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code llm_too_slow}: a probe that answers but takes longer than {@code alerting_threshold} raises
 * one alert however many slow probes follow, and the first probe within the threshold resolves it
 * with how long it was slow. Through the real dispatcher and a recording channel.
 */
class SlowProbeAlertsTest {

    private static final Duration THRESHOLD = Duration.ofSeconds(2);

    private final ManualClock clock = new ManualClock();
    private final AtomicReference<ProbeResult> next = new AtomicReference<>();
    private final RecordingAlertChannel channel = new RecordingAlertChannel();
    private final Deployment deployment = Fixtures.deployment("dep-1", "gpt-4o");
    private AlertDispatcher dispatcher;

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    private SlowProbeAlerts slowAlerts(EnumSet<AlertType> types) {
        AlertSettings settings = new AlertSettings(types, THRESHOLD, Duration.ZERO, 100, 1, Duration.ZERO, Duration.ZERO);
        dispatcher = new AlertDispatcher(List.of(channel), settings, AlertMetrics.NONE, clock, "replica-1");
        return new SlowProbeAlerts((d, timeout) -> next.get(), dispatcher, clock, "replica-1");
    }

    private ProbeResult probe(SlowProbeAlerts probe, ProbeResult result) {
        next.set(result);
        return probe.probe(deployment, Duration.ofSeconds(30));
    }

    private static void eventually(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aProbeSlowerThanTheThresholdRaisesOneAlertAndTheNextFastOneResolvesIt() throws Exception {
        SlowProbeAlerts probe = slowAlerts(EnumSet.allOf(AlertType.class));

        probe(probe, ProbeResult.healthy(Duration.ofMillis(300)));
        ProbeResult slow = ProbeResult.healthy(Duration.ofMillis(2_500));
        assertSame(slow, probe(probe, slow), "the probe's own result goes on unchanged");
        clock.advance(Duration.ofSeconds(30));
        probe(probe, ProbeResult.healthy(Duration.ofMillis(4_000)));
        clock.advance(Duration.ofSeconds(30));
        probe(probe, ProbeResult.healthy(Duration.ofMillis(3_000)));

        eventually("the slow alert", () -> channel.alerts().size() == 1);
        Alert firing = channel.alerts().getFirst();
        assertEquals(AlertType.LLM_TOO_SLOW, firing.type());
        assertEquals(Alert.Phase.FIRING, firing.phase());
        assertEquals("dep-1", firing.subject());
        assertEquals(Optional.of("gpt-4o"), firing.modelGroup());
        assertEquals(Optional.of(deployment.apiBase()), firing.apiBase());
        assertEquals(Optional.of("probe took 2500 ms, over the 2.0 s alerting_threshold"), firing.error());
        assertEquals(Fixtures.T0, firing.since());

        clock.advance(Duration.ofSeconds(30));
        probe(probe, ProbeResult.healthy(Duration.ofMillis(1_999)));
        probe(probe, ProbeResult.healthy(Duration.ofMillis(100)));

        eventually("the resolution", () -> channel.alerts().size() == 2);
        Alert resolved = channel.alerts().get(1);
        assertEquals(AlertType.LLM_TOO_SLOW, resolved.type());
        assertEquals(Alert.Phase.RESOLVED, resolved.phase());
        assertEquals("dep-1", resolved.subject());
        assertEquals(Fixtures.T0, resolved.since(), "the resolution closes the alert that was raised");
        assertEquals(Optional.of(Duration.ofSeconds(90)), resolved.duration());
        Thread.sleep(300); // the dispatcher's thread has had its chance: still the two
        assertEquals(2, channel.alerts().size(), channel.alerts().toString());
    }

    @Test
    void exactlyTheThresholdIsNotSlowAndAFailedProbeIsNotThisAlertsBusiness() throws Exception {
        SlowProbeAlerts probe = slowAlerts(EnumSet.allOf(AlertType.class));

        probe(probe, ProbeResult.healthy(THRESHOLD));
        probe(probe, ProbeResult.unhealthy(ErrorKind.TIMEOUT, "no answer within 30 s"));
        probe(probe, ProbeResult.healthy(Duration.ofMillis(2_001)));

        eventually("the one slow alert", () -> channel.alerts().size() == 1);
        assertEquals(Alert.Phase.FIRING, channel.alerts().getFirst().phase());
        // a failure in between neither resolves nor raises again
        probe(probe, ProbeResult.unhealthy(ErrorKind.TIMEOUT, "no answer within 30 s"));
        probe(probe, ProbeResult.healthy(Duration.ofMillis(5_000)));
        Thread.sleep(300);
        assertEquals(1, channel.alerts().size(), channel.alerts().toString());
    }

    @Test
    void withoutLlmTooSlowInAlertTypesNothingIsSent() throws Exception {
        SlowProbeAlerts probe = slowAlerts(EnumSet.of(AlertType.LLM_EXCEPTIONS));

        probe(probe, ProbeResult.healthy(Duration.ofMillis(9_000)));
        probe(probe, ProbeResult.healthy(Duration.ofMillis(10)));

        Thread.sleep(300);
        assertTrue(channel.alerts().isEmpty(), channel.alerts().toString());
    }

}
