package dev.llmhealth.domain.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.ManualClock;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.port.out.ModelProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The probe caps with blocking probes: a "hung" probe takes its permit and keeps it until the test
 * ends, so who got a permit and who waits is read from the limits themselves, without timing.
 */
class ProbeLimitsTest {

    /** Far beyond what any step needs on a loaded machine; a starved probe would wait out the round's deadline. */
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Duration ROUND = Duration.ofSeconds(60);

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch hungUntilTheEnd = new CountDownLatch(1);

    @AfterEach
    void releaseEverything() {
        hungUntilTheEnd.countDown();
        threads.shutdownNow();
    }

    @ParameterizedTest(name = "cap {0}, per host {1}: {2} hung hosts x {3} probes, {4} healthy hosts x {5} probes")
    @CsvSource({
            "256, 16, 33, 10, 67, 10", // bench/probe-round.sh: 330 hung probes > the cap of 256
            "8,   4,  6,  4,  2,  3",
            "10,  10, 1,  20, 1,  5",
            "4,   16, 3,  5,  1,  8", // as many hosts as permits: one each
    })
    void hungHostsCannotStarveHealthyOnes(int global, int perHost, int hungHosts, int probesPerHungHost,
                                          int healthyHosts, int probesPerHealthyHost) throws InterruptedException {
        ProbeLimits limits = new ProbeLimits(global, perHost);
        List<String> hung = hosts("hung", hungHosts, probesPerHungHost);
        List<String> healthy = hosts("ok", healthyHosts, probesPerHealthyHost);
        List<String> all = new ArrayList<>(hung);
        all.addAll(healthy);
        ProbeLimits.Round round = limits.round(all, System.nanoTime() + ROUND.toNanos());
        hung.forEach(host -> holdUntilTheEnd(round, host));
        eventually("every hung probe holds a permit or waits for one", () -> limits.inFlight() + limits.waiting() == hung.size());

        CountDownLatch healthyDone = new CountDownLatch(healthy.size());
        AtomicInteger denied = new AtomicInteger();
        for (String host : healthy) {
            threads.submit(() -> {
                try (ProbeLimits.Permit permit = round.acquire(host)) {
                    if (permit.granted()) {
                        healthyDone.countDown();
                    } else {
                        denied.incrementAndGet();
                    }
                }
                return null;
            });
        }
        assertTrue(healthyDone.await(BOUND.toSeconds(), TimeUnit.SECONDS),
                healthyDone.getCount() + " healthy probes still wait while hung ones hold " + limits.inFlight() + " permits");
        assertEquals(0, denied.get());
        assertTrue(limits.inFlight() <= global, "in flight " + limits.inFlight());
    }

    @ParameterizedTest(name = "cap {0}, per host {1}, {2} probes of one host -> {3} in flight")
    @CsvSource({
            "256, 16, 40, 16",
            "8,   16, 40, 8",
            "256, 16, 5,  5",
            "1,   16, 3,  1",
    })
    void aSingleHostGetsUpToMinOfPerHostAndGlobalAndNeverMore(int global, int perHost, int probes, int expected) {
        ProbeLimits limits = new ProbeLimits(global, perHost);
        ProbeLimits.Round round = limits.round(Collections.nCopies(probes, "one-box"), System.nanoTime() + ROUND.toNanos());
        for (int i = 0; i < probes; i++) {
            holdUntilTheEnd(round, "one-box");
        }
        eventually("every probe holds a permit or waits", () -> limits.inFlight() + limits.waiting() == probes);
        assertEquals(expected, limits.inFlight());
    }

    @Test
    void thePerHostCapHoldsAcrossRoundsRunningAtOnce() {
        ProbeLimits limits = new ProbeLimits(256, 4);
        long deadline = System.nanoTime() + ROUND.toNanos();
        ProbeLimits.Round scheduled = limits.round(Collections.nCopies(10, "one-box"), deadline);
        ProbeLimits.Round onRequest = limits.round(Collections.nCopies(10, "one-box"), deadline);
        for (int i = 0; i < 10; i++) {
            holdUntilTheEnd(scheduled, "one-box");
            holdUntilTheEnd(onRequest, "one-box");
        }
        eventually("every probe holds a permit or waits", () -> limits.inFlight() + limits.waiting() == 20);
        assertEquals(4, limits.inFlight());
    }

    @Test
    void permitsThatOtherHostsNoLongerNeedAreBorrowed() throws InterruptedException {
        ProbeLimits limits = new ProbeLimits(8, 8);
        List<String> small = hosts("small", 3, 2);
        List<String> all = new ArrayList<>(small);
        all.addAll(Collections.nCopies(8, "big"));
        ProbeLimits.Round round = limits.round(all, System.nanoTime() + ROUND.toNanos()); // shares: 2 each
        for (String host : small) {
            try (ProbeLimits.Permit permit = round.acquire(host)) {
                assertTrue(permit.granted());
            }
        }
        for (int i = 0; i < 8; i++) {
            holdUntilTheEnd(round, "big");
        }
        eventually("every big-host probe holds a permit or waits", () -> limits.inFlight() + limits.waiting() == 8);
        assertEquals(8, limits.inFlight(), "the small hosts are done: their reserved permits are free to borrow");
    }

    @Test
    void healthyDeploymentsStayHealthyWhileHungHostsExhaustTheGlobalCap() {
        ModelProbe probe = (deployment, timeout) -> {
            if (deployment.apiBase().contains("hung")) {
                try {
                    hungUntilTheEnd.await(); // ignores its timeout: the round's deadline cuts it off
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return ProbeResult.healthy(Duration.ofMillis(1));
        };
        List<Deployment> deployments = new ArrayList<>();
        for (int i = 0; i < 24; i++) { // 6 hung hosts x 4, listed first: they would take all 8 permits
            deployments.add(new Deployment("hung-" + i, "model-hung", "http://hung-" + i % 6 + ":8000/v1", ProbeMode.MODELS));
        }
        for (int i = 0; i < 6; i++) {
            deployments.add(new Deployment("ok-" + i, "model-ok", "http://ok-" + i % 2 + ":8000/v1", ProbeMode.MODELS));
        }
        HealthSettings settings = new HealthSettings(Duration.ofSeconds(30), Duration.ofSeconds(1), 0, Duration.ZERO,
                Duration.ofSeconds(5), 1, 1, false, true, 8, 4, Set.of(ServiceName.DATABASE));
        ManualClock clock = new ManualClock();
        SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(clock.instant(), false, false, 0));
        try (CheckRoundService rounds = new CheckRoundService(() -> deployments, probe, store, settings, clock)) {
            rounds.runRound();
        }
        for (DeploymentHealth verdict : store.current().deployments()) {
            assertEquals(verdict.deployment().id().startsWith("ok"), verdict.isHealthy(), verdict.deployment().id() + ": " + verdict.error());
        }
    }

    /** host-0 .. host-(n-1), each listed once per probe. */
    private static List<String> hosts(String prefix, int count, int probesEach) {
        List<String> hosts = new ArrayList<>();
        for (int probe = 0; probe < probesEach; probe++) {
            for (int host = 0; host < count; host++) {
                hosts.add(prefix + "-" + host + ":8000");
            }
        }
        return hosts;
    }

    private void holdUntilTheEnd(ProbeLimits.Round round, String host) {
        threads.submit(() -> {
            try (ProbeLimits.Permit permit = round.acquire(host)) {
                if (permit.granted()) {
                    hungUntilTheEnd.await();
                }
            }
            return null;
        });
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + BOUND.toSeconds() + " s: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // a poll, not a wait for the state
        }
    }
}
