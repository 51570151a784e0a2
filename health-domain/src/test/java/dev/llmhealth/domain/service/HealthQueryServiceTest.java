package dev.llmhealth.domain.service;

import dev.llmhealth.domain.ManualClock;
import static dev.llmhealth.domain.Fixtures.T0;
import static dev.llmhealth.domain.Fixtures.healthy;
import static dev.llmhealth.domain.Fixtures.unhealthy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.policy.AggregationPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthQueryServiceTest {


    @Test
    void viewsAreTheSameInstancesUntilTheSnapshotChangesSoTheirRenderingCanBeCached() {
        ManualClock clock = new ManualClock();
        SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(T0, true, false, 2));
        HealthQueryService queries = new HealthQueryService(store,
                new AggregationPolicy(Set.of(ServiceName.DATABASE), Duration.ofSeconds(100)), clock);

        var first = queries.proxyHealth();
        assertSame(first, queries.proxyHealth());
        assertSame(queries.services(), queries.services());

        store.update(s -> s.withRound(T0, 2, List.of(healthy("a", "gpt-4"), unhealthy("b", "claude-2"))));
        assertNotSame(first, queries.proxyHealth());
        assertEquals(1, queries.modelHealth().healthy().size());
        assertEquals(1, queries.modelHealth("claude-2").unhealthy().size());
        assertEquals(0, queries.modelHealth("claude-2").healthy().size());
    }

    @Test
    void livenessFailsOnlyWhenTheChecksStall() {
        ManualClock clock = new ManualClock();
        SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(T0, true, false, 0));
        store.update(s -> s.withServices(T0, ServiceHealth.disconnected("refused"), false, ServiceHealth.NOT_CONFIGURED)
                .withRound(T0, 0, List.of()));
        HealthQueryService queries = new HealthQueryService(store,
                new AggregationPolicy(Set.of(ServiceName.DATABASE), Duration.ofSeconds(100)), clock);

        assertTrue(queries.alive(), "a database outage never fails liveness");
        clock.now.set(T0.plusSeconds(101));
        assertFalse(queries.alive());
        assertFalse(queries.proxyHealth().isHealthy());
    }

    @Test
    void drainingTurnsReadinessOffAndNothingElse() {
        ManualClock clock = new ManualClock();
        SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(T0, false, false, 1));
        store.update(s -> s.withRound(T0, 1, List.of(healthy("a", "gpt-4"))));
        HealthQueryService queries = new HealthQueryService(store,
                new AggregationPolicy(Set.of(ServiceName.DATABASE), Duration.ofSeconds(100)), clock);
        assertTrue(queries.readiness().ready());
        var health = queries.proxyHealth();

        queries.beginDrain();

        assertFalse(queries.readiness().ready());
        assertTrue(queries.readiness().draining());
        assertEquals("not_ready", queries.readiness().word());
        assertSame(queries.readiness(), queries.readiness(), "still one view per snapshot, for the render cache");
        assertTrue(queries.alive(), "liveness is untouched");
        assertEquals(health.status(), queries.proxyHealth().status());
        store.update(s -> s.withRound(T0.plusSeconds(1), 1, List.of(healthy("a", "gpt-4"))));
        assertFalse(queries.readiness().ready(), "a new round never makes a draining replica ready again");
    }
}
