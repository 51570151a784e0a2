package dev.llmhealth.domain.service;

import static dev.llmhealth.domain.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.port.out.CacheProbe;
import dev.llmhealth.domain.port.out.DatabaseProbe;
import dev.llmhealth.domain.port.out.SchemaInitializer;
import dev.llmhealth.domain.port.out.ServiceCheckMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Service checks against in-memory probes: the real PostgreSQL/Redis adapters are tested in their module. */
class ServiceCheckServiceTest {

    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    /** A database whose answers the test controls. */
    private static final class ScriptedDatabase implements DatabaseProbe, SchemaInitializer {
        final AtomicBoolean up = new AtomicBoolean(true);
        final AtomicBoolean hang = new AtomicBoolean(false);
        final AtomicInteger checks = new AtomicInteger();
        final AtomicInteger initializations = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public ServiceHealth check(Duration timeout) {
            checks.incrementAndGet();
            if (hang.get()) {
                try {
                    release.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return up.get() ? ServiceHealth.connected(0.5) : ServiceHealth.disconnected("connection refused");
        }

        @Override
        public boolean ensureInitialized(Duration timeout) {
            initializations.incrementAndGet();
            return true;
        }
    }

    private static SnapshotStore store() {
        return new SnapshotStore(HealthSnapshot.initial(T0, true, false, 0));
    }

    @Test
    void initializesTheSchemaOnceTheDatabaseIsFirstReachedAndKeepsItInitializedThroughOutages() {
        ScriptedDatabase database = new ScriptedDatabase();
        database.up.set(false);
        SnapshotStore store = store();
        try (ServiceCheckService checks = new ServiceCheckService(database, CacheProbe.NOT_CONFIGURED, store, Duration.ofSeconds(1), CLOCK)) {
            checks.checkServices();
            assertFalse(store.current().databaseInitialized());
            database.up.set(true);
            checks.checkServices();
            assertTrue(store.current().databaseInitialized());
            database.up.set(false);
            checks.checkServices();
            checks.checkServices();
        }
        assertTrue(store.current().databaseInitialized());
        assertInstanceOf(ServiceHealth.Disconnected.class, store.current().database());
        assertEquals(1, database.initializations.get());
        assertEquals(ServiceHealth.NOT_CONFIGURED, store.current().redis());
    }

    @Test
    void aHungCheckIsReportedDisconnectedByItsDeadlineAndNotPiledUp() {
        ScriptedDatabase database = new ScriptedDatabase();
        database.hang.set(true);
        SnapshotStore store = store();
        try (ServiceCheckService checks = new ServiceCheckService(database, CacheProbe.NOT_CONFIGURED, store, Duration.ofMillis(200), CLOCK)) {
            // deadline is timeout + 1 s; allow three times that
            assertTimeoutPreemptively(Duration.ofMillis(3600), checks::checkServices);
            assertEquals("check timed out", ((ServiceHealth.Disconnected) store.current().database()).error());
            assertTimeoutPreemptively(Duration.ofMillis(3600), checks::checkServices);
            assertEquals(1, database.checks.get(), "a hung check is waited on, not started again");
            database.release.countDown();
        }
    }

    /** What the service check told its metrics port, in order. */
    private record Told(ServiceName service, ServiceHealth outcome) {
    }

    @Test
    void eachCheckCycleTellsTheMetricsPortEveryConfiguredServicesOutcomeAndLatency() {
        ScriptedDatabase database = new ScriptedDatabase();
        CacheProbe cache = timeout -> ServiceHealth.connected(0.25);
        List<Told> told = new CopyOnWriteArrayList<>();
        ServiceCheckMetrics metrics = (service, outcome) -> told.add(new Told(service, outcome));
        try (ServiceCheckService checks = new ServiceCheckService(database, cache, store(), Duration.ofSeconds(1), CLOCK,
                TransitionRecorder.none(), metrics)) {
            checks.checkServices();
            database.up.set(false);
            checks.checkServices();
        }
        assertEquals(List.of(
                new Told(ServiceName.DATABASE, ServiceHealth.connected(0.5)),
                new Told(ServiceName.REDIS, ServiceHealth.connected(0.25)),
                new Told(ServiceName.DATABASE, ServiceHealth.disconnected("connection refused")),
                new Told(ServiceName.REDIS, ServiceHealth.connected(0.25))), told);
    }

    @Test
    void aServiceThatIsNotConfiguredIsNeverCountedAndAHungOneCountsAsTimedOutEachCycle() {
        ScriptedDatabase database = new ScriptedDatabase();
        database.hang.set(true);
        List<Told> told = new CopyOnWriteArrayList<>();
        try (ServiceCheckService checks = new ServiceCheckService(database, CacheProbe.NOT_CONFIGURED, store(), Duration.ofMillis(200),
                CLOCK, TransitionRecorder.none(), (service, outcome) -> told.add(new Told(service, outcome)))) {
            assertTimeoutPreemptively(Duration.ofMillis(3600), checks::checkServices);
            assertTimeoutPreemptively(Duration.ofMillis(3600), checks::checkServices);
            database.release.countDown();
        }
        Told timedOut = new Told(ServiceName.DATABASE, ServiceHealth.disconnected("check timed out"));
        assertEquals(List.of(timedOut, timedOut), told, "an outage keeps counting as failures, so its rate shows on a dashboard");
    }
}
