package dev.llmhealth.domain.service;

import static dev.llmhealth.domain.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.EvidenceSource;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.port.out.ModelProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rounds against an in-memory probe (the port's contract, no provider involved): the provider
 * adapters have their own tests against real HTTP servers.
 */
class CheckRoundServiceTest {

    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private static HealthSettings settings(Duration timeout, int perHost, boolean background) {
        return new HealthSettings(Duration.ofSeconds(30), timeout, 0, Duration.ZERO, Duration.ofSeconds(5), 1, 1,
                false, background, 256, perHost, Set.of(ServiceName.DATABASE));
    }

    private static Deployment on(String id, String host, ProbeMode mode) {
        return new Deployment(id, "model-" + id, "http://" + host + ":8000/v1", mode);
    }

    private static SnapshotStore store() {
        return new SnapshotStore(HealthSnapshot.initial(T0, false, false, 0));
    }

    @Test
    void aHungUpstreamNeverHoldsTheRoundPastItsDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        ModelProbe probe = (deployment, timeout) -> {
            if (deployment.apiBase().contains("hung")) {
                try {
                    never.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return ProbeResult.healthy(Duration.ofMillis(1));
        };
        List<Deployment> deployments = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            deployments.add(on("d" + i, i % 3 == 0 ? "hung-" + i : "ok-" + i, ProbeMode.MODELS));
        }
        SnapshotStore store = store();
        try (CheckRoundService rounds = new CheckRoundService(() -> deployments, probe, store, settings(Duration.ofMillis(300), 16, true), CLOCK)) {
            // deadline is timeout + 1 s; three times that is a generous bound on a shared machine
            assertTimeoutPreemptively(Duration.ofMillis(3 * 1300), rounds::runRound);
        }
        HealthSnapshot snapshot = store.current();
        assertEquals(30, snapshot.deployments().size());
        for (DeploymentHealth verdict : snapshot.deployments()) {
            boolean hung = verdict.deployment().apiBase().contains("hung");
            assertEquals(!hung, verdict.isHealthy(), verdict.deployment().id());
            if (hung) {
                assertTrue(verdict.error().orElseThrow().contains("timed out"), verdict.error().orElseThrow());
            }
        }
        assertTrue(snapshot.routerInitialized());
    }

    @Test
    void oneUpstreamHostNeverGetsMoreConcurrentProbesThanItsLimit() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ModelProbe probe = (deployment, timeout) -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20); // the upstream is slow: probes overlap unless limited
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return ProbeResult.healthy(Duration.ofMillis(20));
        };
        List<Deployment> deployments = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            deployments.add(on("d" + i, "one-small-box", ProbeMode.MODELS));
        }
        try (CheckRoundService rounds = new CheckRoundService(() -> deployments, probe, store(), settings(Duration.ofSeconds(10), 4, true), CLOCK)) {
            rounds.runRound();
        }
        assertTrue(peak.get() <= 4, "peak concurrent probes " + peak.get());
        assertTrue(peak.get() >= 2, "probes should still run in parallel up to the limit, peak " + peak.get());
    }

    @Test
    void deploymentsThatAreNotProbedAreAssumedHealthy() {
        AtomicInteger calls = new AtomicInteger();
        ModelProbe probe = (deployment, timeout) -> {
            calls.incrementAndGet();
            return ProbeResult.unhealthy(ErrorKind.SERVER_ERROR, "HTTP 500");
        };
        List<Deployment> deployments = List.of(on("probed", "a", ProbeMode.MODELS), on("never", "b", ProbeMode.NONE));
        SnapshotStore store = store();
        try (CheckRoundService rounds = new CheckRoundService(() -> deployments, probe, store, settings(Duration.ofSeconds(1), 16, true), CLOCK)) {
            rounds.runRound();
        }
        assertEquals(1, calls.get());
        DeploymentHealth never = store.current().deployment("never").orElseThrow();
        assertTrue(never.isHealthy());
        assertEquals(EvidenceSource.ASSUMED, never.source());
        assertTrue(!store.current().deployment("probed").orElseThrow().isHealthy());
    }

    @Test
    void withBackgroundChecksOffNothingIsProbed() {
        AtomicInteger calls = new AtomicInteger();
        ModelProbe probe = (deployment, timeout) -> {
            calls.incrementAndGet();
            return ProbeResult.healthy(Duration.ZERO);
        };
        SnapshotStore store = store();
        try (CheckRoundService rounds = new CheckRoundService(() -> List.of(on("a", "a", ProbeMode.COMPLETION)), probe, store,
                settings(Duration.ofSeconds(1), 16, false), CLOCK)) {
            rounds.runRound();
        }
        assertEquals(0, calls.get());
        assertEquals(EvidenceSource.ASSUMED, store.current().deployment("a").orElseThrow().source());
    }

    @Test
    void aProbeThatThrowsIsAFailureWhoseTextCarriesNoMessage() {
        ModelProbe probe = (deployment, timeout) -> {
            throw new IllegalStateException("token sk-secret-should-not-leak");
        };
        SnapshotStore store = store();
        try (CheckRoundService rounds = new CheckRoundService(() -> List.of(on("a", "a", ProbeMode.MODELS)), probe, store,
                settings(Duration.ofSeconds(1), 16, true), CLOCK)) {
            rounds.runRound();
        }
        String error = store.current().deployment("a").orElseThrow().error().orElseThrow();
        assertEquals("health check failed: IllegalStateException", error);
    }

    /** Issue 5's scale: 1,000 deployments on 100 upstream hosts, a third of the hosts hung, default caps. */
    @Test
    void aThousandDeploymentsWithAThirdOfTheHostsHungEndByTheDeadlineAndTheHealthyHostsStayHealthy() {
        CountDownLatch never = new CountDownLatch(1);
        ModelProbe probe = (deployment, timeout) -> {
            try {
                if (deployment.apiBase().contains("hung")) {
                    never.await();
                }
                Thread.sleep(5); // an upstream that answers in a few milliseconds
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return ProbeResult.healthy(Duration.ofMillis(5));
        };
        List<Deployment> deployments = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int host = i % 100;
            deployments.add(on("d" + i, (host % 3 == 0 ? "hung-" : "ok-") + host, ProbeMode.MODELS));
        }
        SnapshotStore store = store();
        HealthSettings settings = new HealthSettings(Duration.ofSeconds(30), Duration.ofMillis(500), 0, Duration.ZERO,
                Duration.ofSeconds(5), 1, 1, false, true, 256, 16, Set.of(ServiceName.DATABASE));
        try (CheckRoundService rounds = new CheckRoundService(() -> deployments, probe, store, settings, CLOCK)) {
            // deadline timeout + 1 s; three times that on a shared machine
            assertTimeoutPreemptively(Duration.ofMillis(3 * 1500), rounds::runRound);
        } finally {
            never.countDown();
        }
        List<DeploymentHealth> verdicts = store.current().deployments();
        assertEquals(1000, verdicts.size());
        long wronglyJudged = verdicts.stream().filter(v -> v.isHealthy() == v.deployment().apiBase().contains("hung")).count();
        assertEquals(0, wronglyJudged, "every deployment of a healthy host healthy, every hung one timed out");
        assertEquals(340, verdicts.stream().filter(v -> !v.isHealthy()).count(), "34 hung hosts x 10 deployments");
    }
}
