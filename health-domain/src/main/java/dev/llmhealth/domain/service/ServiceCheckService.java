package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.HealthTiming;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.port.out.CacheProbe;
import dev.llmhealth.domain.port.out.DatabaseProbe;
import dev.llmhealth.domain.port.out.SchemaInitializer;
import dev.llmhealth.domain.port.out.ServiceCheckMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks the database and Redis, both at once, each bounded by the timeout (plus a second of grace
 * over the adapter's own deadline), and publishes the result. A check still hung from the previous
 * cycle is not started again: the service stays {@code disconnected} until it returns.
 */
public final class ServiceCheckService implements AutoCloseable {

    /** The database's health, and whether its schema is in place (sticky once true). */
    private record DatabaseCheck(ServiceHealth health, boolean initialized) {
    }

    private final DatabaseProbe database;
    private final SchemaInitializer schema;
    private final CacheProbe cache;
    private final SnapshotStore store;
    private final Duration timeout;
    private final Clock clock;
    private final TransitionRecorder transitions;
    private final ServiceCheckMetrics metrics;
    private Optional<ServiceHealth> lastDatabase = Optional.empty();
    private Optional<ServiceHealth> lastCache = Optional.empty();
    private final ExecutorService checkThreads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("health-service-check-", 0).factory());
    private Future<DatabaseCheck> databaseInFlight;
    private Future<ServiceHealth> cacheInFlight;

    public ServiceCheckService(DatabaseProbe database, CacheProbe cache, SnapshotStore store, Duration timeout, Clock clock) {
        this(database, cache, store, timeout, clock, TransitionRecorder.none());
    }

    /** @param transitions where each connected/disconnected change this replica sees is recorded */
    public ServiceCheckService(DatabaseProbe database, CacheProbe cache, SnapshotStore store, Duration timeout, Clock clock,
                               TransitionRecorder transitions) {
        this(database, cache, store, timeout, clock, transitions, ServiceCheckMetrics.NONE);
    }

    /** @param metrics told each configured service's outcome once per check cycle */
    public ServiceCheckService(DatabaseProbe database, CacheProbe cache, SnapshotStore store, Duration timeout, Clock clock,
                               TransitionRecorder transitions, ServiceCheckMetrics metrics) {
        this(database, database instanceof SchemaInitializer schema ? schema : SchemaInitializer.NOTHING_TO_APPLY, cache, store, timeout,
                clock, transitions, metrics);
    }

    /** @param schema applied once the database answers; readiness waits for it */
    public ServiceCheckService(DatabaseProbe database, SchemaInitializer schema, CacheProbe cache, SnapshotStore store, Duration timeout,
                               Clock clock, TransitionRecorder transitions, ServiceCheckMetrics metrics) {
        this.schema = schema;
        this.transitions = transitions;
        this.metrics = metrics;
        this.database = database;
        this.cache = cache;
        this.store = store;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * Carries on from a snapshot another checker left (a config reload): a service's next check is
     * compared with what was seen there, so no change is recorded that did not happen. Before {@code start}.
     */
    public void continueFrom(HealthSnapshot seen) {
        lastDatabase = Optional.of(seen.database()).filter(ServiceCheckService::wasChecked);
        lastCache = Optional.of(seen.redis()).filter(ServiceCheckService::wasChecked);
    }

    private static boolean wasChecked(ServiceHealth health) {
        return health.isConfigured() && !health.equals(ServiceHealth.NOT_CHECKED_YET);
    }

    /** Called by one scheduler thread at a time. */
    public void checkServices() {
        boolean wasInitialized = store.current().databaseInitialized();
        if (database.configured()) {
            databaseInFlight = startUnlessHung(databaseInFlight, () -> checkDatabase(wasInitialized));
        }
        if (cache.configured()) {
            cacheInFlight = startUnlessHung(cacheInFlight, () -> {
                ServiceHealth health = cache.check(timeout);
                if (health instanceof ServiceHealth.Connected) {
                    StartupTimeline.mark("redis reached");
                }
                return health;
            });
        }
        long deadline = System.nanoTime() + HealthTiming.deadlineAfter(timeout).toNanos();
        DatabaseCheck databaseCheck = database.configured()
                ? awaitUntil(databaseInFlight, deadline, failure -> new DatabaseCheck(ServiceHealth.disconnected(failure), wasInitialized))
                : new DatabaseCheck(ServiceHealth.NOT_CONFIGURED, false);
        ServiceHealth cacheHealth = cache.configured()
                ? awaitUntil(cacheInFlight, deadline, ServiceHealth::disconnected)
                : ServiceHealth.NOT_CONFIGURED;
        if (Thread.currentThread().isInterrupted()) {
            // the scheduler is stopping: a check cut off now says nothing about the service
            return;
        }
        if (database.configured()) {
            metrics.serviceChecked(ServiceName.DATABASE, databaseCheck.health());
        }
        if (cache.configured()) {
            metrics.serviceChecked(ServiceName.REDIS, cacheHealth);
        }
        Instant now = clock.instant();
        store.update(snapshot -> snapshot.withServices(now, databaseCheck.health(),
                wasInitialized || databaseCheck.initialized(), cacheHealth));
        transitions.service(ServiceName.DATABASE, lastDatabase, databaseCheck.health(), now);
        transitions.service(ServiceName.REDIS, lastCache, cacheHealth, now);
        lastDatabase = Optional.of(databaseCheck.health());
        lastCache = Optional.of(cacheHealth);
    }

    private DatabaseCheck checkDatabase(boolean wasInitialized) {
        ServiceHealth health = database.check(timeout);
        if (health instanceof ServiceHealth.Connected) {
            StartupTimeline.mark("database reached");
        }
        boolean initialized = wasInitialized
                || (health instanceof ServiceHealth.Connected && schema.ensureInitialized(timeout));
        if (initialized) {
            StartupTimeline.mark("database schema applied");
        }
        return new DatabaseCheck(health, initialized);
    }

    private <T> Future<T> startUnlessHung(Future<T> previous, Callable<T> check) {
        if (previous != null && !previous.isDone()) {
            return previous;
        }
        return checkThreads.submit(check);
    }

    private static <T> T awaitUntil(Future<T> check, long deadline, java.util.function.Function<String, T> failed) {
        try {
            return check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            return failed.apply("check timed out");
        } catch (ExecutionException error) {
            // never the message: a driver's message may carry a connection string
            return failed.apply("check failed: " + error.getCause().getClass().getSimpleName());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return failed.apply("check interrupted");
        }
    }

    @Override
    public void close() {
        checkThreads.shutdownNow();
    }
}
