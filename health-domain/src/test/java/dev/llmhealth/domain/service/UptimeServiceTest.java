package dev.llmhealth.domain.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.DeploymentState;
import dev.llmhealth.domain.model.DeploymentUptime;
import dev.llmhealth.domain.model.EvidenceSource;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.model.HistoryAnswer;
import dev.llmhealth.domain.model.HistoryQuery;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.UptimeAnswer;
import dev.llmhealth.domain.model.UptimeWindow;
import dev.llmhealth.domain.port.out.HealthHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Uptime over a day and a week from a history with known outages: exact figures, worked out by hand below. */
class UptimeServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final InMemoryHealthHistory history = new InMemoryHealthHistory(10_000);

    private static Instant ago(Duration d) {
        return NOW.minus(d);
    }

    private void transition(String id, String model, String from, String to, Instant at) {
        history.record(new HealthTransition(HealthTransition.SubjectKind.DEPLOYMENT, id, Optional.of(model), from, to,
                to.equals("unhealthy") ? Optional.of("HTTP 500") : Optional.empty(), at, "r1"));
    }

    private static DeploymentHealth verdict(String id, String model, DeploymentState state, EvidenceSource source, Instant since) {
        return new DeploymentHealth(new Deployment(id, model, "http://upstream-" + id + "/v1", ProbeMode.MODELS), state, source, NOW,
                since, Optional.empty(), Optional.empty(), 0, 0, Optional.empty());
    }

    private UptimeService service(DeploymentHealth... verdicts) {
        SnapshotStore store = new SnapshotStore(new HealthSnapshot(NOW, dev.llmhealth.domain.model.ServiceHealth.NOT_CONFIGURED, false,
                dev.llmhealth.domain.model.ServiceHealth.NOT_CONFIGURED, verdicts.length, List.of(verdicts), Optional.of(NOW)));
        return new UptimeService(history, store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /**
     * a: first seen 30 h ago, down 10 h..7 h ago (3 h) and 2 h..1.5 h ago (30 min).
     * b: down since it was first seen, 30 h ago. c: assumed healthy, its history lost, since 3 h ago.
     * d: already down when the day began (since 26 h ago), up again 20 h ago. A database outage is no deployment's.
     */
    private UptimeService knownOutages() {
        transition("a", "gpt-4", "unchecked", "healthy", ago(Duration.ofHours(30)));
        transition("a", "gpt-4", "healthy", "unhealthy", ago(Duration.ofHours(10)));
        transition("a", "gpt-4", "unhealthy", "healthy", ago(Duration.ofHours(7)));
        transition("a", "gpt-4", "healthy", "unhealthy", ago(Duration.ofHours(2)));
        transition("a", "gpt-4", "unhealthy", "healthy", ago(Duration.ofMinutes(90)));
        transition("b", "broken", "unchecked", "unhealthy", ago(Duration.ofHours(30)));
        transition("d", "claude", "unchecked", "healthy", ago(Duration.ofHours(40)));
        transition("d", "claude", "healthy", "unhealthy", ago(Duration.ofHours(26)));
        transition("d", "claude", "unhealthy", "healthy", ago(Duration.ofHours(20)));
        history.record(new HealthTransition(HealthTransition.SubjectKind.SERVICE, "database", Optional.empty(), "connected",
                "disconnected", Optional.of("refused"), ago(Duration.ofHours(5)), "r1"));
        return service(
                verdict("a", "gpt-4", DeploymentState.HEALTHY, EvidenceSource.PROBE, ago(Duration.ofMinutes(90))),
                verdict("b", "broken", DeploymentState.UNHEALTHY, EvidenceSource.PROBE, ago(Duration.ofHours(30))),
                verdict("c", "assumed", DeploymentState.HEALTHY, EvidenceSource.ASSUMED, ago(Duration.ofHours(3))),
                verdict("d", "claude", DeploymentState.HEALTHY, EvidenceSource.PROBE, ago(Duration.ofHours(20))));
    }

    private static Map<String, DeploymentUptime> byId(UptimeAnswer answer) {
        return ((UptimeAnswer.Found) answer).deployments().stream().collect(Collectors.toMap(DeploymentUptime::deploymentId, d -> d));
    }

    @Test
    void aDayOfKnownOutages() {
        Map<String, DeploymentUptime> day = byId(knownOutages().uptime(UptimeWindow.DAY, Optional.empty()));
        // a: 3.5 h down of 24 h observed
        assertEquals(Duration.ofHours(24), day.get("a").observed());
        assertEquals(Duration.ofMinutes(210), day.get("a").downtime());
        assertEquals(100.0 * (24 * 60 - 210) / (24 * 60), day.get("a").uptimePercent().orElseThrow(), 1e-9);
        assertEquals(2, day.get("a").outages());
        // b: down all day, one outage
        assertEquals(0.0, day.get("b").uptimePercent().orElseThrow(), 1e-9);
        assertEquals(1, day.get("b").outages());
        // c: 3 h known, all healthy
        assertEquals(Duration.ofHours(3), day.get("c").observed());
        assertEquals(100.0, day.get("c").uptimePercent().orElseThrow(), 1e-9);
        // d: down for the first 4 h of the day: the outage already running counts
        assertEquals(Duration.ofHours(4), day.get("d").downtime());
        assertEquals(100.0 * 20 / 24, day.get("d").uptimePercent().orElseThrow(), 1e-9);
        assertEquals(1, day.get("d").outages());
        assertEquals(4, day.size(), "the database's outage is no deployment");
        assertFalse(((UptimeAnswer.Found) knownOutages().uptime(UptimeWindow.DAY, Optional.empty())).truncated());
    }

    @Test
    void aWeekCountsOnlyTheTimeSinceEachDeploymentWasFirstSeen() {
        UptimeAnswer.Found week = (UptimeAnswer.Found) knownOutages().uptime(UptimeWindow.WEEK, Optional.empty());
        Map<String, DeploymentUptime> byId = byId(week);
        assertEquals(NOW.minus(Duration.ofDays(7)), week.from());
        assertFalse(week.truncated());
        // a: first seen 30 h ago: 3.5 h down of 30 h
        assertEquals(Duration.ofHours(30), byId.get("a").observed());
        assertEquals(100.0 * (30 * 60 - 210) / (30 * 60), byId.get("a").uptimePercent().orElseThrow(), 1e-9);
        // d: 40 h seen, 6 h down
        assertEquals(Duration.ofHours(40), byId.get("d").observed());
        assertEquals(Duration.ofHours(6), byId.get("d").downtime());
        assertEquals(85.0, byId.get("d").uptimePercent().orElseThrow(), 1e-9);
        assertEquals(1, byId.get("d").outages());
    }

    @Test
    void aModelFilterLeavesTheOtherGroupsOut() {
        Map<String, DeploymentUptime> day = byId(knownOutages().uptime(UptimeWindow.DAY, Optional.of("gpt-4")));
        assertEquals(List.of("a"), List.copyOf(day.keySet()));
    }

    @Test
    void aDeploymentNeverCheckedHasNoFigure() {
        DeploymentUptime none = dev.llmhealth.domain.policy.UptimeCalculation.of("x", "m", ago(Duration.ofDays(1)), NOW, List.of(),
                Optional.empty());
        assertTrue(none.uptimePercent().isEmpty());
        assertEquals(0, none.outages());
    }

    @Test
    void aWindowWithMoreTransitionsThanOneReadStartsAtTheOldestRead() {
        // 1,200 flips a minute apart, up on the even minutes: one read holds the newest 1,000
        for (int i = 1200; i >= 1; i--) {
            transition("f", "flappy", i % 2 == 0 ? "unhealthy" : "healthy", i % 2 == 0 ? "healthy" : "unhealthy",
                    ago(Duration.ofMinutes(i)));
        }
        // another group's one outage is read on its own, whole
        transition("q", "quiet", "unchecked", "healthy", ago(Duration.ofHours(30)));
        transition("q", "quiet", "healthy", "unhealthy", ago(Duration.ofHours(23)));
        transition("q", "quiet", "unhealthy", "healthy", ago(Duration.ofHours(17)));
        UptimeAnswer.Found found = (UptimeAnswer.Found) service(
                verdict("f", "flappy", DeploymentState.UNHEALTHY, EvidenceSource.PROBE, ago(Duration.ofMinutes(1))),
                verdict("q", "quiet", DeploymentState.HEALTHY, EvidenceSource.PROBE, ago(Duration.ofHours(17))))
                .uptime(UptimeWindow.DAY, Optional.empty());
        assertEquals(75.0, byId(found).get("q").uptimePercent().orElseThrow(), 1e-9);
        assertTrue(found.truncated());
        assertEquals(ago(Duration.ofDays(1)), found.from());
        DeploymentUptime f = byId(found).get("f");
        assertEquals(Duration.ofMinutes(1000), f.observed());
        assertEquals(Duration.ofMinutes(500), f.downtime());
    }

    @Test
    void aHistoryThatCannotBeReadIsSaidSo() {
        HealthHistory down = new HealthHistory() {
            @Override
            public void record(HealthTransition transition) {
            }

            @Override
            public HistoryAnswer query(HistoryQuery query) {
                return new HistoryAnswer.Unavailable("database unreachable");
            }
        };
        UptimeService service = new UptimeService(down, new SnapshotStore(HealthSnapshot.initial(NOW, true, false, 1)
                .withVerdicts(NOW, List.of(verdict("a", "gpt-4", DeploymentState.HEALTHY, EvidenceSource.PROBE, NOW)))),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(new UptimeAnswer.Unavailable("database unreachable"), service.uptime(UptimeWindow.DAY, Optional.empty()));
    }
}
