package dev.llmhealth.domain.service;

import static dev.llmhealth.domain.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmhealth.domain.ManualClock;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.port.out.ModelProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** LiteLLM's per-model {@code model_info.health_check_interval} and {@code health_check_timeout}. */
class PerDeploymentIntervalsTest {

    private static final Duration PROXY_WIDE = Duration.ofSeconds(60);

    private static HealthSettings settings() {
        return new HealthSettings(PROXY_WIDE, Duration.ofSeconds(2), 0, Duration.ZERO, Duration.ofSeconds(5), 1, 1,
                false, true, 256, 16, Set.of(ServiceName.DATABASE));
    }

    private static Deployment every(String id, Optional<Duration> interval) {
        return new Deployment(id, "m-" + id, "http://" + id + ":1/v1", ProbeMode.MODELS, "chat", Optional.empty(), interval);
    }

    @Test
    void rounds_come_as_often_as_the_shortest_own_interval_and_each_deployment_is_probed_when_its_own_is_due() {
        Deployment fast = every("fast", Optional.of(Duration.ofSeconds(20)));
        Deployment plain = every("plain", Optional.empty());
        Deployment slow = every("slow", Optional.of(Duration.ofSeconds(180)));
        List<Deployment> deployments = List.of(fast, plain, slow);
        assertEquals(Duration.ofSeconds(20), CheckRoundService.roundInterval(settings(), deployments));

        Map<String, Integer> probes = new ConcurrentHashMap<>();
        ModelProbe probe = (deployment, timeout) -> {
            probes.merge(deployment.id(), 1, Integer::sum);
            return ProbeResult.healthy(Duration.ofMillis(1));
        };
        ManualClock clock = new ManualClock();
        SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(T0, false, false, 3));
        try (CheckRoundService rounds = new CheckRoundService(() -> deployments, probe, store, settings(), clock)) {
            // ten minutes of rounds every 20 s: 30 rounds
            for (int round = 0; round < 30; round++) {
                rounds.runRound();
                clock.advance(Duration.ofSeconds(20));
            }
        }
        assertEquals(30, probes.get("fast"), "every round");
        assertEquals(10, probes.get("plain"), "every 60 s, the proxy-wide interval");
        assertEquals(4, probes.get("slow"), "every 180 s: at 0, 180, 360 and 540 s");
        assertEquals(3, store.current().deployments().size(), "a deployment not due keeps its verdict");
    }

    @Test
    void without_own_intervals_every_round_probes_every_deployment() {
        List<Deployment> deployments = List.of(every("a", Optional.empty()), every("b", Optional.empty()));
        assertEquals(PROXY_WIDE, CheckRoundService.roundInterval(settings(), deployments));
        Map<String, Integer> probes = new ConcurrentHashMap<>();
        ModelProbe probe = (deployment, timeout) -> {
            probes.merge(deployment.id(), 1, Integer::sum);
            return ProbeResult.healthy(Duration.ofMillis(1));
        };
        ManualClock clock = new ManualClock();
        try (CheckRoundService rounds = new CheckRoundService(() -> deployments, probe,
                new SnapshotStore(HealthSnapshot.initial(T0, false, false, 2)), settings(), clock)) {
            rounds.runRound();
            clock.advance(Duration.ofSeconds(5)); // a check soon after, as /health?model= might cause
            rounds.runRound();
        }
        assertEquals(Map.of("a", 2, "b", 2), probes);
    }

    @Test
    void a_deployments_own_timeout_is_the_time_its_probe_gets() {
        Deployment patient = new Deployment("patient", "m", "http://p:1/v1", ProbeMode.MODELS, "chat",
                Optional.of(Duration.ofSeconds(7)), Optional.empty());
        Deployment plain = every("plain", Optional.empty());
        Map<String, Duration> given = new ConcurrentHashMap<>();
        ModelProbe probe = (deployment, timeout) -> {
            given.put(deployment.id(), timeout);
            return ProbeResult.healthy(Duration.ofMillis(1));
        };
        try (CheckRoundService rounds = new CheckRoundService(() -> List.of(patient, plain), probe,
                new SnapshotStore(HealthSnapshot.initial(T0, false, false, 2)), settings(), new ManualClock())) {
            rounds.runRound();
        }
        // the round's deadline follows the longest timeout, so the patient one is never cut to the proxy-wide 2 s
        assertEquals(true, given.get("patient").compareTo(Duration.ofSeconds(6)) > 0, given.toString());
        assertEquals(true, given.get("plain").compareTo(Duration.ofSeconds(2)) <= 0, given.toString());
    }
}
