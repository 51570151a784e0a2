package dev.llmhealth.domain.service;

import dev.llmhealth.domain.ManualClock;
import static dev.llmhealth.domain.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.port.out.ModelProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code /health?model=}: probes now, single-flight, at most once per 5 s per model group. */
class CheckModelNowTest {


    private static final List<Deployment> DEPLOYMENTS = List.of(
            new Deployment("a1", "gpt-4", "http://a:1/v1", ProbeMode.COMPLETION),
            new Deployment("a2", "gpt-4", "http://a:2/v1", ProbeMode.COMPLETION),
            new Deployment("b1", "claude-2", "http://b:1/v1", ProbeMode.COMPLETION));

    private static HealthSettings settings(boolean background) {
        return new HealthSettings(Duration.ofSeconds(300), Duration.ofSeconds(2), 0, Duration.ZERO, Duration.ofSeconds(5),
                1, 1, false, background, 256, 16, Set.of(ServiceName.DATABASE));
    }

    private final ManualClock clock = new ManualClock();
    private final AtomicInteger probes = new AtomicInteger();
    private final SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(T0, false, false, 3));

    private CheckRoundService service(ModelProbe probe, boolean background) {
        return new CheckRoundService(() -> DEPLOYMENTS, probe, store, settings(background), clock);
    }

    private ModelProbe counting() {
        return (deployment, timeout) -> {
            probes.incrementAndGet();
            return ProbeResult.healthy(Duration.ofMillis(1));
        };
    }

    @Test
    void probesOnlyTheGroupAndPublishesItsVerdicts() {
        try (CheckRoundService service = service(counting(), true)) {
            assertTrue(service.checkNow("gpt-4"));
        }
        assertEquals(2, probes.get());
        assertTrue(store.current().deployment("a1").orElseThrow().isHealthy());
        assertTrue(store.current().deployment("b1").isEmpty());
        assertFalse(store.current().routerInitialized(), "a check on request is not a round");
    }

    @Test
    void anUnknownModelIsNotProbed() {
        try (CheckRoundService service = service(counting(), true)) {
            assertFalse(service.checkNow("no-such-model"));
        }
        assertEquals(0, probes.get());
    }

    @Test
    void atMostOneCheckPerModelPerFiveSeconds() {
        try (CheckRoundService service = service(counting(), true)) {
            service.checkNow("gpt-4");
            clock.now.set(T0.plusSeconds(4));
            service.checkNow("gpt-4");
            assertEquals(2, probes.get(), "within 5 s the latest verdict is answered");
            clock.now.set(T0.plusSeconds(5));
            service.checkNow("gpt-4");
            assertEquals(4, probes.get());
        }
    }

    @Test
    void concurrentCallersShareOneInFlightCheck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ModelProbe slow = (deployment, timeout) -> {
            probes.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return ProbeResult.healthy(Duration.ofMillis(1));
        };
        try (CheckRoundService service = service(slow, true)) {
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                callers.add(Thread.ofVirtual().start(() -> service.checkNow("gpt-4")));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (probes.get() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            release.countDown();
            for (Thread caller : callers) {
                caller.join(Duration.ofSeconds(10));
            }
        }
        assertEquals(2, probes.get(), "ten callers, one probe per deployment");
    }

    @Test
    void probesOnRequestEvenWithBackgroundChecksOff() {
        try (CheckRoundService service = service(counting(), false)) {
            service.checkNow("claude-2");
        }
        assertEquals(1, probes.get());
    }
}
