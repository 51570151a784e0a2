package dev.llmhealth.domain.service;

import static dev.llmhealth.domain.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.port.out.CacheProbe;
import dev.llmhealth.domain.port.out.DatabaseProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Service checks against in-memory probes: the real PostgreSQL/Redis adapters are tested in their module. */
class ServiceCheckServiceTest {

    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    /** A database whose answers the test controls. */
    private static final class ScriptedDatabase implements DatabaseProbe {
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
}
