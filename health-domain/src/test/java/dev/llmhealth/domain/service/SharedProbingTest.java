package dev.llmhealth.domain.service;

import static dev.llmhealth.domain.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.ManualClock;
import dev.llmhealth.domain.model.CoordinationMode;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.model.HistoryAnswer;
import dev.llmhealth.domain.model.HistoryQuery;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.model.ProbeSchedulingSettings;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.port.out.ModelProbe;
import dev.llmhealth.domain.port.out.ProbeSkips;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Several replicas sharing probe leases and verdicts (README: "Many replicas, one view"): each
 * deployment is probed by one replica per interval, every replica serves the same verdicts, flap
 * counters travel with the verdict, a dead holder's lease moves, and without the shared store every
 * replica probes on its own. The replicas are in one JVM over an in-memory shared store on a manual clock.
 */
class SharedProbingTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final ManualClock clock = new ManualClock();
    private final SharedStoreForTests shared = new SharedStoreForTests(clock);
    private final Map<String, AtomicInteger> probesByDeployment = new ConcurrentHashMap<>();
    private volatile boolean upstreamFails;
    private final List<Deployment> deployments = List.of(
            deployment("a"), deployment("b"), deployment("c"), deployment("d"), deployment("e"), deployment("f"));

    private final ModelProbe countingProbe = (deployment, timeout) -> {
        probesByDeployment.computeIfAbsent(deployment.id(), id -> new AtomicInteger()).incrementAndGet();
        return upstreamFails ? ProbeResult.unhealthy(ErrorKind.SERVER_ERROR, "HTTP 500 from upstream")
                : ProbeResult.healthy(Duration.ofMillis(3));
    };

    private static Deployment deployment(String id) {
        return new Deployment(id, "model-" + id, "http://upstream-" + id + ":8000/v1", ProbeMode.MODELS);
    }

    private static HealthSettings settings(int unhealthyThreshold) {
        return new HealthSettings(INTERVAL, Duration.ofSeconds(2), 0, Duration.ZERO, Duration.ofSeconds(5), unhealthyThreshold, 1,
                false, true, 256, 16, Set.of(ServiceName.DATABASE));
    }

    private record Replica(CheckRoundService rounds, SnapshotStore store, InMemoryHealthHistory history) {
        Map<String, DeploymentHealth> verdicts() {
            return store.current().deploymentsById();
        }
    }

    private Replica replica(String name, int unhealthyThreshold) {
        SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(T0, false, false, deployments.size(), name,
                CoordinationMode.SHARED));
        InMemoryHealthHistory history = new InMemoryHealthHistory(100);
        HealthSettings settings = settings(unhealthyThreshold);
        CheckRoundService rounds = new CheckRoundService(() -> deployments, countingProbe, store, settings, clock,
                ProbeSchedulingSettings.defaults(settings), new TrafficEvidence(), ProbeSkips.NONE, shared.replica(name),
                new TransitionRecorder(history, name));
        return new Replica(rounds, store, history);
    }

    private int totalProbes() {
        return probesByDeployment.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Test
    void threeReplicasProbeEachDeploymentOncePerIntervalInTotalAndAgree() {
        List<Replica> replicas = List.of(replica("r1", 1), replica("r2", 1), replica("r3", 1));
        for (int interval = 0; interval < 10; interval++) {
            for (Replica r : replicas) {
                r.rounds().runRound();
            }
            for (Replica r : replicas) {
                r.rounds().pullSharedVerdicts();
            }
            clock.advance(INTERVAL);
        }
        assertEquals(10 * deployments.size(), totalProbes(), "one probe per deployment per interval, over all replicas");
        probesByDeployment.forEach((id, count) -> assertEquals(10, count.get(), id));
        for (Replica r : replicas) {
            assertEquals(deployments.size(), r.verdicts().size());
            r.verdicts().values().forEach(v -> assertTrue(v.isHealthy(), v.toString()));
            assertEquals(CoordinationMode.SHARED, r.store().current().coordination());
        }
        assertEquals(replicas.get(0).verdicts().keySet(), replicas.get(2).verdicts().keySet());
        for (String id : replicas.get(0).verdicts().keySet()) {
            Agreed first = Agreed.of(replicas.get(0).verdicts().get(id));
            for (Replica r : replicas) {
                assertEquals(first, Agreed.of(r.verdicts().get(id)), "replicas agree on " + id);
            }
        }
    }

    /** What replicas must agree on: the state, the error and when it was reached. */
    private record Agreed(String state, Optional<String> error, java.time.Instant lastCheck) {
        static Agreed of(DeploymentHealth v) {
            return new Agreed(v.state().word(), v.error(), v.lastCheck());
        }
    }

    @Test
    void aDeadHoldersLeasesMoveToTheOthersOnceTheyExpire() {
        Replica first = replica("r1", 1);
        Replica second = replica("r2", 1);
        first.rounds().runRound();
        second.rounds().runRound();
        deployments.forEach(d -> assertEquals(Optional.of("r1"), shared.leaseHolder(d.id())));
        int before = totalProbes();

        // r1 dies: within its lease r2 probes nothing, after it r2 takes every deployment over
        clock.advance(INTERVAL);
        second.rounds().runRound();
        assertEquals(before, totalProbes(), "r1's leases still run");
        clock.advance(first.rounds().leaseTtl());
        second.rounds().runRound();
        assertEquals(before + deployments.size(), totalProbes());
        deployments.forEach(d -> assertEquals(Optional.of("r2"), shared.leaseHolder(d.id())));
    }

    @Test
    void flapCountersTravelWithTheVerdictWhenTheLeaseMoves() {
        Replica first = replica("r1", 3);
        Replica second = replica("r2", 3);
        first.rounds().runRound();
        upstreamFails = true;
        clock.advance(INTERVAL);
        first.rounds().runRound();
        clock.advance(INTERVAL);
        first.rounds().runRound();
        assertEquals(2, shared.verdict("a").orElseThrow().consecutiveFailures());
        assertTrue(first.verdicts().get("a").isHealthy(), "two failures of three: damping holds");

        // r1 dies; r2 takes over and its first failure is the third in a row
        clock.advance(first.rounds().leaseTtl());
        second.rounds().runRound();
        DeploymentHealth afterMove = second.verdicts().get("a");
        assertFalse(afterMove.isHealthy(), afterMove.toString());
        assertEquals(3, afterMove.consecutiveFailures());
    }

    @Test
    void withoutTheSharedStoreEveryReplicaProbesOnItsOwnAndSaysSo() {
        Replica first = replica("r1", 1);
        Replica second = replica("r2", 1);
        shared.reachable = false;
        first.rounds().runRound();
        second.rounds().runRound();
        assertEquals(2 * deployments.size(), totalProbes());
        assertEquals(CoordinationMode.LOCAL_FALLBACK, first.store().current().coordination());
        assertEquals(deployments.size(), second.verdicts().size(), "never serving nothing");

        shared.reachable = true;
        clock.advance(INTERVAL);
        first.rounds().runRound();
        assertEquals(CoordinationMode.SHARED, first.store().current().coordination());
    }

    @Test
    void aTransitionIsRecordedOnceByTheReplicaThatProbed() {
        List<Replica> replicas = List.of(replica("r1", 1), replica("r2", 1), replica("r3", 1));
        replicas.forEach(r -> r.rounds().runRound());
        upstreamFails = true;
        clock.advance(INTERVAL);
        replicas.forEach(r -> r.rounds().runRound());
        replicas.forEach(r -> r.rounds().pullSharedVerdicts());

        List<HealthTransition> all = new ArrayList<>();
        for (Replica r : replicas) {
            all.addAll(((HistoryAnswer.Found) r.history().query(new HistoryQuery(Optional.empty(), Optional.empty(), 1000)))
                    .transitions());
        }
        assertEquals(2 * deployments.size(), all.size(), "unchecked -> healthy and healthy -> unhealthy, once each: " + all);
        for (Deployment d : deployments) {
            List<HealthTransition> ofIt = all.stream().filter(t -> t.subject().equals(d.id())).toList();
            assertEquals(List.of("unhealthy", "healthy"), ofIt.stream().map(HealthTransition::to).sorted().toList().reversed());
            assertTrue(ofIt.stream().allMatch(t -> t.replica().equals("r1")), ofIt.toString());
            assertEquals(Optional.of("HTTP 500 from upstream"),
                    ofIt.stream().filter(t -> t.to().equals("unhealthy")).findFirst().orElseThrow().error());
        }
        // the replicas that did not probe still serve the new verdict
        assertFalse(replicas.get(2).verdicts().get("a").isHealthy());
    }

    @Test
    void aRoundCutOffByAShutdownRecordsPublishesAndStoresNothing() throws Exception {
        java.util.concurrent.CountDownLatch probing = new java.util.concurrent.CountDownLatch(1);
        ModelProbe hangsUntilInterrupted = (deployment, timeout) -> {
            probing.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return ProbeResult.unhealthy(ErrorKind.UNKNOWN, "interrupted");
        };
        SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(T0, false, false, deployments.size(), "r1", CoordinationMode.SHARED));
        InMemoryHealthHistory history = new InMemoryHealthHistory(100);
        HealthSettings settings = new HealthSettings(INTERVAL, Duration.ofSeconds(30), 0, Duration.ZERO, Duration.ofSeconds(5), 1, 1,
                false, true, 256, 16, Set.of(ServiceName.DATABASE));
        try (CheckRoundService rounds = new CheckRoundService(() -> deployments, hangsUntilInterrupted, store, settings, clock,
                ProbeSchedulingSettings.defaults(settings), new TrafficEvidence(), ProbeSkips.NONE, shared.replica("r1"),
                new TransitionRecorder(history, "r1"))) {
            Thread round = Thread.ofVirtual().start(rounds::runRound);
            probing.await();
            round.interrupt(); // what HealthMonitor.close does to its loops
            round.join(Duration.ofSeconds(10));
            assertFalse(round.isAlive(), "the round gave up");
        }
        assertEquals(List.of(), ((HistoryAnswer.Found) history.query(new HistoryQuery(Optional.empty(), Optional.empty(), 10))).transitions());
        assertEquals(List.of(), store.current().deployments(), "no verdict from a cut-off call");
        assertFalse(store.current().routerInitialized());
        assertEquals(Optional.empty(), shared.verdict("a"), "nothing published");
    }

    @Test
    void aCheckOnRequestAtAReplicaWithoutTheLeaseShowsThereButIsNeitherRecordedNorShared() {
        Replica holder = replica("r1", 1);
        Replica other = replica("r2", 1);
        holder.rounds().runRound();
        other.rounds().runRound();
        other.rounds().pullSharedVerdicts();
        int recordedBefore = recorded(holder) + recorded(other);

        upstreamFails = true;
        clock.advance(Duration.ofSeconds(10));
        assertTrue(other.rounds().checkNow("model-a"));

        assertFalse(other.verdicts().get("a").isHealthy(), "the caller sees the fresh verdict");
        assertTrue(shared.verdict("a").orElseThrow().state().word().equals("healthy"), "the holder's verdict stays the shared one");
        assertEquals(recordedBefore, recorded(holder) + recorded(other), "only the lease holder records");

        // the holder's own check on request records it, once
        assertTrue(holder.rounds().checkNow("model-a"));
        assertEquals(recordedBefore + 1, recorded(holder) + recorded(other));
    }

    private static int recorded(Replica replica) {
        return ((HistoryAnswer.Found) replica.history().query(new HistoryQuery(Optional.empty(), Optional.empty(), 1000))).transitions().size();
    }

    @Test
    void aCooldownEndedByTheHoldersNewerProbeIsRecordedByTheReplicaThatCooledItDown() {
        Replica holder = replica("r1", 1);
        Replica other = replica("r2", 1);
        holder.rounds().runRound();
        other.rounds().pullSharedVerdicts();
        // real traffic through r2 cooled "a" down (per replica, source traffic)
        DeploymentHealth cooled = new DeploymentHealth(deployment("a"), dev.llmhealth.domain.model.DeploymentState.UNHEALTHY,
                dev.llmhealth.domain.model.EvidenceSource.TRAFFIC, clock.instant().plusSeconds(1), clock.instant().plusSeconds(1),
                Optional.of("cooled down by real traffic"), Optional.empty(), 4, 0, Optional.empty());
        other.store().update(snapshot -> snapshot.withVerdicts(cooled.lastCheck(), List.of(cooled)));

        clock.advance(INTERVAL);
        holder.rounds().runRound();
        other.rounds().pullSharedVerdicts();

        assertTrue(other.verdicts().get("a").isHealthy(), "the holder's passing probe ends the cooldown");
        List<HealthTransition> ofA = ((HistoryAnswer.Found) other.history().query(new HistoryQuery(Optional.of("model-a"), Optional.empty(), 10)))
                .transitions();
        assertEquals(1, ofA.size(), ofA.toString());
        assertEquals("unhealthy", ofA.get(0).from());
        assertEquals("healthy", ofA.get(0).to());
        assertEquals("r2", ofA.get(0).replica());
    }
}
