package dev.llmhealth.domain.service;

import static dev.llmhealth.domain.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.DeploymentState;
import dev.llmhealth.domain.model.EvidenceSource;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.PassiveHealthSettings;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.policy.PassiveHealthPolicy;
import dev.llmhealth.domain.port.out.TrafficMetrics;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@code panic_threshold_percent}: too few healthy deployments in a group, and routing uses all of them rather than none. */
class PanicModeTest {

    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private record Case(String name, int threshold, String states, List<String> expectRoutable, boolean expectPanic) {
    }

    @Test
    void belowTheThresholdEveryDeploymentOfTheGroupIsRoutable() {
        // states: one letter per deployment d1, d2, ...: h healthy, u unhealthy (by a probe), c not checked yet
        List<Case> table = List.of(
                new Case("half healthy at 50 %: not below", 50, "uh", List.of("d2"), false),
                new Case("none healthy at 50 %", 50, "uu", List.of("d1", "d2"), true),
                new Case("a third healthy at 50 %", 50, "uuh", List.of("d1", "d2", "d3"), true),
                new Case("a third healthy, panic off", 0, "uuh", List.of("d3"), false),
                new Case("the only one down at 50 %", 50, "u", List.of("d1"), true),
                new Case("the only one down, panic off", 0, "u", List.of(), false),
                new Case("three of four at 80 %", 80, "hhhu", List.of("d1", "d2", "d3", "d4"), true),
                new Case("three of four at 75 %: not below", 75, "hhhu", List.of("d1", "d2", "d3"), false),
                new Case("all healthy at 100 %", 100, "hhh", List.of("d1", "d2", "d3"), false),
                new Case("not checked yet counts as routable", 50, "cu", List.of("d1"), false));

        for (Case row : table) {
            List<Deployment> group = new ArrayList<>();
            List<DeploymentHealth> verdicts = new ArrayList<>();
            for (int i = 0; i < row.states().length(); i++) {
                Deployment d = new Deployment("d" + (i + 1), "gpt-4", "http://h" + i + ":1/v1", ProbeMode.MODELS);
                group.add(d);
                char state = row.states().charAt(i);
                if (state != 'c') {
                    boolean healthy = state == 'h';
                    verdicts.add(new DeploymentHealth(d, healthy ? DeploymentState.HEALTHY : DeploymentState.UNHEALTHY,
                            EvidenceSource.PROBE, T0, T0, healthy ? Optional.empty() : Optional.of("HTTP 500"), Optional.empty(),
                            healthy ? 0 : 1, healthy ? 1 : 0, Optional.empty()));
                }
            }
            SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(T0, false, false, group.size()));
            store.update(s -> s.withVerdicts(T0, verdicts));
            List<String> heard = new CopyOnWriteArrayList<>();
            TrafficService traffic = traffic(group, store, row.threshold(), heard);

            List<String> routable = traffic.routable("gpt-4").stream().map(Deployment::id).toList();

            assertEquals(row.expectRoutable(), routable, row.name());
            assertEquals(row.expectPanic() ? List.of("gpt-4 true") : List.of(), heard, row.name() + ": panic mode heard");
        }
    }

    @Test
    void enteringAndLeavingPanicModeIsToldOnceEach() {
        Deployment d1 = new Deployment("d1", "gpt-4", "http://a:1/v1", ProbeMode.MODELS);
        Deployment d2 = new Deployment("d2", "gpt-4", "http://a:2/v1", ProbeMode.MODELS);
        SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(T0, false, false, 2));
        List<String> heard = new CopyOnWriteArrayList<>();
        TrafficService traffic = traffic(List.of(d1, d2), store, 50, heard);

        store.update(s -> s.withVerdicts(T0, List.of(verdict(d1, false), verdict(d2, false))));
        for (int i = 0; i < 5; i++) {
            assertEquals(2, traffic.routable("gpt-4").size());
        }
        store.update(s -> s.withVerdicts(T0, List.of(verdict(d1, true))));
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of(d1), traffic.routable("gpt-4"));
        }

        assertEquals(List.of("gpt-4 true", "gpt-4 false"), heard);
        assertEquals(List.of(), traffic.routable("not-configured"), "an unknown group is never in panic");
    }

    @Test
    void theThresholdIsAPercentage() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> traffic(List.of(), new SnapshotStore(HealthSnapshot.initial(T0, false, false, 0)), 101, new ArrayList<>()));
        assertEquals("panic_threshold_percent must be between 0 and 100, got 101", error.getMessage());
    }

    private static TrafficService traffic(List<Deployment> group, SnapshotStore store, int threshold, List<String> heard) {
        return new TrafficService(() -> group, store, new PassiveHealthPolicy(PassiveHealthSettings.defaults(), () -> 0.5),
                TrafficMetrics.NONE, CLOCK, new TrafficEvidence(), threshold, (model, panic) -> heard.add(model + " " + panic));
    }

    private static DeploymentHealth verdict(Deployment d, boolean healthy) {
        return new DeploymentHealth(d, healthy ? DeploymentState.HEALTHY : DeploymentState.UNHEALTHY, EvidenceSource.PROBE, T0, T0,
                healthy ? Optional.empty() : Optional.of("HTTP 500"), Optional.empty(), healthy ? 0 : 1, healthy ? 1 : 0,
                Optional.empty());
    }
}
