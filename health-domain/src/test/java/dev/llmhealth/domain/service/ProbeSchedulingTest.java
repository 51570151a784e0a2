package dev.llmhealth.domain.service;

import dev.llmhealth.domain.ManualClock;
import static dev.llmhealth.domain.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.DeploymentState;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.EvidenceSource;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.PassiveHealthSettings;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.model.ProbeSchedulingSettings;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.model.TrafficOutcome;
import dev.llmhealth.domain.policy.PassiveHealthPolicy;
import dev.llmhealth.domain.port.out.ModelProbe;
import dev.llmhealth.domain.port.out.TrafficMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code skip_probe_when_traffic_ok} and {@code unhealthy_interval} in the domain: which
 * deployments a round or a re-check probes, and what it publishes for the others. A clock the test
 * sets, a probe in memory; no sleeps.
 */
class ProbeSchedulingTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final HealthSettings SETTINGS = new HealthSettings(INTERVAL, Duration.ofSeconds(2), 0, Duration.ZERO,
            Duration.ofSeconds(5), 1, 1, false, true, 256, 16, Set.of(ServiceName.DATABASE));
    private static final Deployment D = new Deployment("d1", "gpt-4", "http://a:1/v1", ProbeMode.MODELS);


    /** Answers as told per deployment (healthy by default) and remembers whom it probed. */
    private static final class ScriptedProbe implements ModelProbe {
        final Map<String, ProbeResult> answers = new ConcurrentHashMap<>();
        final List<String> probed = new CopyOnWriteArrayList<>();

        @Override
        public ProbeResult probe(Deployment deployment, Duration timeout) {
            probed.add(deployment.id());
            return answers.getOrDefault(deployment.id(), ProbeResult.healthy(Duration.ofMillis(3)));
        }
    }

    private enum Before { NONE, HEALTHY, UNHEALTHY_BY_PROBE, UNHEALTHY_BY_TRAFFIC }

    private record SkipCase(String name, boolean skipSetting, Before before, Optional<Duration> successAgo, ProbeMode mode,
                            boolean expectProbe, EvidenceSource expectSource) {
    }

    @Test
    void aRoundSkipsTheProbeOfADeploymentThatRealTrafficShowedHealthyWithinTheInterval() {
        Optional<Duration> none = Optional.empty();
        List<SkipCase> table = List.of(
                new SkipCase("healthy, success 10 s ago", true, Before.HEALTHY, Optional.of(Duration.ofSeconds(10)), ProbeMode.MODELS, false, EvidenceSource.TRAFFIC),
                new SkipCase("not checked yet, success 1 s ago", true, Before.NONE, Optional.of(Duration.ofSeconds(1)), ProbeMode.MODELS, false, EvidenceSource.TRAFFIC),
                new SkipCase("healthy, success just inside the interval", true, Before.HEALTHY, Optional.of(INTERVAL.minusMillis(1)), ProbeMode.COMPLETION, false, EvidenceSource.TRAFFIC),
                new SkipCase("healthy, success one interval ago", true, Before.HEALTHY, Optional.of(INTERVAL), ProbeMode.MODELS, true, EvidenceSource.PROBE),
                new SkipCase("healthy, success 40 s ago", true, Before.HEALTHY, Optional.of(Duration.ofSeconds(40)), ProbeMode.MODELS, true, EvidenceSource.PROBE),
                new SkipCase("healthy, no traffic", true, Before.HEALTHY, none, ProbeMode.MODELS, true, EvidenceSource.PROBE),
                new SkipCase("knob off", false, Before.HEALTHY, Optional.of(Duration.ofSeconds(10)), ProbeMode.MODELS, true, EvidenceSource.PROBE),
                new SkipCase("unhealthy by probe: always probed", true, Before.UNHEALTHY_BY_PROBE, Optional.of(Duration.ofSeconds(1)), ProbeMode.MODELS, true, EvidenceSource.PROBE),
                new SkipCase("cooled down by traffic: always probed", true, Before.UNHEALTHY_BY_TRAFFIC, Optional.of(Duration.ofSeconds(1)), ProbeMode.MODELS, true, EvidenceSource.PROBE),
                new SkipCase("probe mode none: never probed, not a skip", true, Before.HEALTHY, Optional.of(Duration.ofSeconds(1)), ProbeMode.NONE, false, EvidenceSource.ASSUMED));

        for (SkipCase row : table) {
            Deployment deployment = new Deployment(D.id(), D.modelName(), D.apiBase(), row.mode());
            ManualClock clock = new ManualClock();
            SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(T0, false, false, 1));
            previous(row.before(), deployment).ifPresent(p -> store.update(s -> s.withVerdicts(T0, List.of(p))));
            TrafficEvidence evidence = new TrafficEvidence();
            Instant roundAt = T0.plus(Duration.ofMinutes(10));
            row.successAgo().ifPresent(ago -> evidence.succeeded(deployment.id(), roundAt.minus(ago)));
            clock.now.set(roundAt);
            ScriptedProbe probe = new ScriptedProbe();
            List<String> skipped = new CopyOnWriteArrayList<>();

            try (CheckRoundService rounds = new CheckRoundService(() -> List.of(deployment), probe, store, SETTINGS, clock,
                    new ProbeSchedulingSettings(row.skipSetting(), INTERVAL), evidence, d -> skipped.add(d.id()))) {
                rounds.runRound();
            }

            DeploymentHealth verdict = store.current().deployment(deployment.id()).orElseThrow();
            assertEquals(row.expectProbe() ? List.of("d1") : List.of(), probe.probed, row.name() + ": probed");
            boolean skip = !row.expectProbe() && row.expectSource() == EvidenceSource.TRAFFIC;
            assertEquals(skip ? List.of("d1") : List.of(), skipped, row.name() + ": counted as skipped");
            assertEquals(row.expectSource(), verdict.source(), row.name() + ": source");
            assertTrue(verdict.isHealthy(), row.name() + ": healthy");
            if (skip) {
                Instant success = roundAt.minus(row.successAgo().orElseThrow());
                assertEquals(success, verdict.lastCheck(), row.name() + ": last_check is the time of the traffic evidence");
                assertEquals(Optional.of(success), verdict.lastSuccess(), row.name());
                assertEquals(row.before() == Before.HEALTHY ? T0 : success, verdict.since(), row.name() + ": healthy since");
            }
            assertEquals(roundAt, store.current().lastRoundEnded().orElseThrow(), row.name() + ": the round still counts as a round");
        }
    }

    @Test
    void aCooldownByTrafficWhileTheRoundRunsIsNotOverwrittenByTheSkip() {
        Deployment other = new Deployment("d2", "gpt-4", "http://b:1/v1", ProbeMode.MODELS);
        ManualClock clock = new ManualClock();
        SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(T0, false, false, 2));
        TrafficEvidence evidence = new TrafficEvidence();
        evidence.succeeded("d1", T0.minusSeconds(1));
        DeploymentHealth cooledDown = previous(Before.UNHEALTHY_BY_TRAFFIC, D).orElseThrow();
        ModelProbe probe = (deployment, timeout) -> {
            // while d2 is probed, real traffic takes d1 out
            store.update(s -> s.withVerdicts(T0, List.of(cooledDown)));
            return ProbeResult.healthy(Duration.ofMillis(1));
        };

        try (CheckRoundService rounds = new CheckRoundService(() -> List.of(D, other), probe, store, SETTINGS, clock,
                new ProbeSchedulingSettings(true, INTERVAL), evidence, d -> { })) {
            rounds.runRound();
        }

        assertEquals(cooledDown, store.current().deployment("d1").orElseThrow());
        assertTrue(store.current().deployment("d2").orElseThrow().isHealthy());
    }

    @Test
    void onlySuccessfulRealCallsAreEvidence() {
        ManualClock clock = new ManualClock();
        SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(T0, false, false, 1));
        TrafficEvidence evidence = new TrafficEvidence();
        TrafficService traffic = new TrafficService(() -> List.of(D), store,
                new PassiveHealthPolicy(PassiveHealthSettings.defaults(), () -> 0.5), TrafficMetrics.NONE, clock, evidence);

        traffic.recordCall(TrafficOutcome.failed("d1", "gpt-4", 500, ErrorKind.SERVER_ERROR, Duration.ofMillis(5)));
        assertEquals(Optional.empty(), evidence.lastSuccess("d1"), "a failed call is no evidence of health");

        clock.now.set(T0.plusSeconds(3));
        traffic.recordCall(TrafficOutcome.succeeded("d1", "gpt-4", 200, Duration.ofMillis(5), Optional.empty(), 1, 1, 0));
        clock.now.set(T0.plusSeconds(4));
        traffic.recordCall(TrafficOutcome.failed("d1", "gpt-4", 500, ErrorKind.SERVER_ERROR, Duration.ofMillis(5)));
        traffic.recordCall(TrafficOutcome.succeeded("unknown-deployment", "gpt-4", 200, Duration.ofMillis(5), Optional.empty(), 1, 1, 0));

        assertEquals(Optional.of(T0.plusSeconds(3)), evidence.lastSuccess("d1"));
        assertEquals(Optional.empty(), evidence.lastSuccess("unknown-deployment"), "a deployment the router does not know is ignored");
    }

    private record RecheckCase(String name, Before before, ProbeResult answer, boolean expectProbe, DeploymentState expectState,
                               EvidenceSource expectSource) {
    }

    @Test
    void aRecheckProbesTheUnhealthyDeploymentsOnlyAndShowsARecovery() {
        ProbeResult ok = ProbeResult.healthy(Duration.ofMillis(2));
        ProbeResult down = ProbeResult.unhealthy(ErrorKind.SERVER_ERROR, "HTTP 500");
        List<RecheckCase> table = List.of(
                new RecheckCase("healthy: left alone", Before.HEALTHY, down, false, DeploymentState.HEALTHY, EvidenceSource.PROBE),
                new RecheckCase("not checked yet: left to the round", Before.NONE, ok, false, null, null),
                new RecheckCase("unhealthy by probe, recovered", Before.UNHEALTHY_BY_PROBE, ok, true, DeploymentState.HEALTHY, EvidenceSource.PROBE),
                new RecheckCase("unhealthy by probe, still down", Before.UNHEALTHY_BY_PROBE, down, true, DeploymentState.UNHEALTHY, EvidenceSource.PROBE),
                new RecheckCase("cooled down by traffic, probe passes", Before.UNHEALTHY_BY_TRAFFIC, ok, true, DeploymentState.HEALTHY, EvidenceSource.PROBE));

        for (RecheckCase row : table) {
            ManualClock clock = new ManualClock();
            clock.now.set(T0.plusSeconds(7));
            SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(T0, false, false, 1));
            previous(row.before(), D).ifPresent(p -> store.update(s -> s.withVerdicts(T0, List.of(p))));
            ScriptedProbe probe = new ScriptedProbe();
            probe.answers.put("d1", row.answer());

            try (CheckRoundService rounds = new CheckRoundService(() -> List.of(D), probe, store, SETTINGS, clock,
                    new ProbeSchedulingSettings(true, Duration.ofSeconds(5)), new TrafficEvidence(), d -> { })) {
                rounds.recheckUnhealthy();
            }

            assertEquals(row.expectProbe() ? List.of("d1") : List.of(), probe.probed, row.name() + ": probed");
            Optional<DeploymentHealth> verdict = store.current().deployment("d1");
            if (row.expectState() == null) {
                assertFalse(verdict.isPresent(), row.name());
                continue;
            }
            assertEquals(row.expectState(), verdict.orElseThrow().state(), row.name() + ": state");
            assertEquals(row.expectSource(), verdict.orElseThrow().source(), row.name() + ": source");
            if (row.expectProbe()) {
                assertEquals(T0.plusSeconds(7), verdict.orElseThrow().lastCheck(), row.name() + ": last_check");
            }
            assertTrue(store.current().lastRoundEnded().isEmpty(), row.name() + ": a re-check is not a round");
        }
    }

    @Test
    void aPassingProbeEndsACooldownEarly() {
        ManualClock clock = new ManualClock();
        SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(T0, false, false, 1));
        PassiveHealthSettings passive = new PassiveHealthSettings(true, 0, Duration.ofSeconds(60), Duration.ofSeconds(600),
                Duration.ofSeconds(600));
        TrafficEvidence evidence = new TrafficEvidence();
        TrafficService traffic = new TrafficService(() -> List.of(D), store, new PassiveHealthPolicy(passive, () -> 0.5),
                TrafficMetrics.NONE, clock, evidence);
        ScriptedProbe probe = new ScriptedProbe();

        traffic.recordCall(TrafficOutcome.failed("d1", "gpt-4", 500, ErrorKind.SERVER_ERROR, Duration.ofMillis(5)));
        assertEquals(List.of(), traffic.routable("gpt-4"), "one failure over allowed_fails 0: cooled down for 600 s");

        clock.now.set(T0.plusSeconds(5));
        try (CheckRoundService rounds = new CheckRoundService(() -> List.of(D), probe, store, SETTINGS, clock,
                new ProbeSchedulingSettings(true, Duration.ofSeconds(5)), evidence, d -> { })) {
            rounds.recheckUnhealthy();
        }

        assertEquals(List.of("d1"), probe.probed);
        assertEquals(List.of(D), traffic.routable("gpt-4"), "the passing probe ended the cooldown 595 s early");
        assertEquals(EvidenceSource.PROBE, store.current().deployment("d1").orElseThrow().source());
    }

    private record ConfigCase(Duration unhealthyInterval, boolean valid, boolean faster) {
    }

    @Test
    void unhealthyIntervalMustBePositiveAndIsFasterOnlyWhenShorterThanTheInterval() {
        for (ConfigCase row : List.of(
                new ConfigCase(Duration.ofSeconds(5), true, true),
                new ConfigCase(INTERVAL, true, false),
                new ConfigCase(Duration.ZERO, false, false),
                new ConfigCase(Duration.ofSeconds(-1), false, false))) {
            if (!row.valid()) {
                IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                        () -> new ProbeSchedulingSettings(true, row.unhealthyInterval()));
                assertTrue(error.getMessage().contains("unhealthy_interval"), error.getMessage());
                continue;
            }
            assertEquals(row.faster(), new ProbeSchedulingSettings(true, row.unhealthyInterval()).fasterWhileUnhealthy(SETTINGS),
                    row.unhealthyInterval().toString());
        }
        ProbeSchedulingSettings defaults = ProbeSchedulingSettings.defaults(SETTINGS);
        assertTrue(defaults.skipProbeWhenTrafficOk());
        assertEquals(INTERVAL, defaults.unhealthyInterval());
    }

    private static Optional<DeploymentHealth> previous(Before before, Deployment deployment) {
        return switch (before) {
            case NONE -> Optional.empty();
            case HEALTHY -> Optional.of(new DeploymentHealth(deployment, DeploymentState.HEALTHY, EvidenceSource.PROBE, T0, T0,
                    Optional.empty(), Optional.empty(), 0, 1, Optional.of(T0)));
            case UNHEALTHY_BY_PROBE -> Optional.of(new DeploymentHealth(deployment, DeploymentState.UNHEALTHY, EvidenceSource.PROBE, T0, T0,
                    Optional.of("HTTP 500"), Optional.empty(), 1, 0, Optional.empty()));
            case UNHEALTHY_BY_TRAFFIC -> Optional.of(new DeploymentHealth(deployment, DeploymentState.UNHEALTHY, EvidenceSource.TRAFFIC, T0, T0,
                    Optional.of("cooled down by real traffic"), Optional.empty(), 4, 0, Optional.empty()));
        };
    }
}
