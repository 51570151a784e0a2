package dev.llmhealth.domain.service;

import static dev.llmhealth.domain.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmhealth.domain.ManualClock;
import dev.llmhealth.domain.model.Alert;
import dev.llmhealth.domain.model.AlertSettings;
import dev.llmhealth.domain.model.AlertType;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.port.out.AlertClaims;
import dev.llmhealth.domain.port.out.AlertMetrics;
import dev.llmhealth.domain.port.out.CacheProbe;
import dev.llmhealth.domain.port.out.DatabaseProbe;
import dev.llmhealth.domain.port.out.SchemaInitializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code db_exceptions} damping: a database change is alerted only once it held for
 * {@code service_alert_after_checks} consecutive checks on the replica that claims it. Replicas are
 * the real service check, recorder, {@link TransitionAlerts} and dispatcher, sharing one set of claims
 * (as a fleet shares Redis), each with a recording channel; the clock is moved by hand, one service
 * check at a time.
 *
 * <p>No sleeps for "nothing was sent": each case ends with Redis down and back long enough to be
 * alerted on every replica (Redis is each replica's own here: its claims are not the fleet's), and a
 * replica decides its checks in order, so once every replica's sentinel arrived, everything before it
 * was decided.
 */
class ServiceAlertDampingTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final ManualClock clock = new ManualClock();
    private final AlertClaims fleetClaims = AlertClaims.local();
    private final List<Replica> replicas = new ArrayList<>();

    @AfterEach
    void close() {
        replicas.forEach(Replica::close);
    }

    /** A service whose answers the test sets. */
    private static final class Switchable implements DatabaseProbe, CacheProbe, SchemaInitializer {
        final AtomicBoolean up = new AtomicBoolean(true);

        @Override
        public ServiceHealth check(Duration timeout) {
            return up.get() ? ServiceHealth.connected(0.4) : ServiceHealth.disconnected("connection refused");
        }

        @Override
        public boolean ensureInitialized(Duration timeout) {
            return true;
        }
    }

    /** One replica: its own database and Redis view, checks, alerts and channel. */
    private final class Replica implements AutoCloseable {
        final Switchable database = new Switchable();
        final Switchable redis = new Switchable();
        final RecordingAlertChannel channel = new RecordingAlertChannel();
        final AlertClaims ownRedis = AlertClaims.local();
        final AlertDispatcher dispatcher;
        final TransitionAlerts alerts;
        final ServiceCheckService checks;

        Replica(String name, int afterChecks, HealthSnapshot start) {
            SnapshotStore store = new SnapshotStore(start);
            AlertSettings settings = new AlertSettings(AlertType.raisedByHealth(), Duration.ofSeconds(300), Duration.ZERO, 100, 1,
                    Duration.ZERO, Duration.ZERO, afterChecks);
            dispatcher = new AlertDispatcher(List.of(channel), settings, AlertMetrics.NONE, clock, name);
            AlertClaims claims = (subject, state) -> subject.endsWith(":redis")
                    ? ownRedis.claimChange(subject, state) : fleetClaims.claimChange(subject, state);
            alerts = new TransitionAlerts(dispatcher, claims, List::of, store::current, clock, name, INTERVAL);
            checks = new ServiceCheckService(database, redis, store, Duration.ofSeconds(1), clock, new TransitionRecorder(alerts, name));
            if (!start.database().equals(ServiceHealth.NOT_CHECKED_YET)) {
                checks.continueFrom(start);
            }
        }

        List<Alert> database() {
            return channel.alerts().stream().filter(a -> a.subject().equals("database")).toList();
        }

        long redisAlerts() {
            return channel.alerts().stream().filter(a -> a.subject().equals("redis")).count();
        }

        @Override
        public void close() {
            checks.close();
            alerts.close();
            dispatcher.close();
        }
    }

    private Replica replica(String name, int afterChecks) {
        Replica replica = new Replica(name, afterChecks, HealthSnapshot.initial(T0, true, true, 0));
        replicas.add(replica);
        return replica;
    }

    /** One service check on every replica, then the interval passes. */
    private void check() {
        replicas.forEach(r -> r.checks.checkServices());
        clock.advance(INTERVAL);
    }

    private void checks(int times) {
        for (int i = 0; i < times; i++) {
            check();
        }
    }

    /** Redis down until it is alerted and back until that is too: whatever came before on every replica was decided. */
    private void redisOutageAsSentinel(int afterChecks) throws InterruptedException {
        List<Long> before = replicas.stream().map(Replica::redisAlerts).toList();
        replicas.forEach(r -> r.redis.up.set(false));
        checks(afterChecks);
        replicas.forEach(r -> r.redis.up.set(true));
        checks(afterChecks);
        for (int i = 0; i < replicas.size(); i++) {
            Replica replica = replicas.get(i);
            long expected = before.get(i) + 2;
            eventually("the Redis sentinel's outage and recovery on replica " + (i + 1), () -> replica.redisAlerts() == expected);
        }
    }

    private List<Alert> databaseAlerts() {
        return replicas.stream().flatMap(r -> r.database().stream()).toList();
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void oneSlowCheckOnOneReplicaAlertsNeitherTheOutageNorARecovery() throws Exception {
        Replica blipping = replica("replica-1", 2);
        replica("replica-2", 2);
        replica("replica-3", 2);
        checks(3);

        blipping.database.up.set(false);
        check(); // one check down on one replica
        blipping.database.up.set(true);
        checks(3);
        redisOutageAsSentinel(2);

        assertEquals(List.of(), databaseAlerts(), "a blip shorter than two checks is no outage and so has no recovery");
    }

    @Test
    void anOutageThatHoldsIsAlertedOnceForTheFleetAndItsRecoveryCarriesTheDuration() throws Exception {
        replica("replica-1", 2);
        replica("replica-2", 2);
        replica("replica-3", 2);
        checks(2);

        Instant wentDown = clock.instant();
        replicas.forEach(r -> r.database.up.set(false));
        checks(4);
        eventually("the outage", () -> databaseAlerts().size() == 1);
        Alert firing = databaseAlerts().getFirst();
        assertEquals(AlertType.DB_EXCEPTIONS, firing.type());
        assertEquals(Alert.Phase.FIRING, firing.phase());
        assertEquals("service", firing.subjectKind());
        assertEquals(wentDown, firing.since(), "since the first check that saw it, not the one that confirmed it");
        assertEquals(Optional.of("connection refused"), firing.error());

        Instant cameBack = clock.instant();
        replicas.forEach(r -> r.database.up.set(true));
        checks(3);
        redisOutageAsSentinel(2);

        List<Alert> all = databaseAlerts();
        assertEquals(2, all.size(), "one alert each way for three replicas: " + all);
        Alert resolved = all.get(1);
        assertEquals(Alert.Phase.RESOLVED, resolved.phase());
        assertEquals(wentDown, resolved.since(), "the recovery closes the outage that was alerted");
        assertEquals(Optional.of(Duration.between(wentDown, cameBack)), resolved.duration());
        assertEquals(Optional.of(INTERVAL.multipliedBy(4)), resolved.duration());
    }

    @Test
    void exactlyTheConfiguredChecksAlertAndOneFewerDoNot() throws Exception {
        Replica only = replica("replica-1", 3);
        checks(2);

        only.database.up.set(false);
        checks(2); // two of three
        only.database.up.set(true);
        checks(3);
        redisOutageAsSentinel(3);
        assertEquals(List.of(), databaseAlerts(), "two checks down with service_alert_after_checks 3");

        Instant wentDown = clock.instant();
        only.database.up.set(false);
        checks(3); // three of three
        eventually("the outage after three checks", () -> databaseAlerts().size() == 1);
        assertEquals(Alert.Phase.FIRING, databaseAlerts().getFirst().phase());
        assertEquals(wentDown, databaseAlerts().getFirst().since());

        // back for two checks only: a flap within the outage, which stays open from when it began
        only.database.up.set(true);
        checks(2);
        only.database.up.set(false);
        checks(2);
        Instant cameBack = clock.instant();
        only.database.up.set(true);
        checks(3);
        eventually("the recovery", () -> databaseAlerts().size() == 2);
        redisOutageAsSentinel(3);

        List<Alert> all = databaseAlerts();
        assertEquals(2, all.size(), all.toString());
        Alert resolved = all.get(1);
        assertEquals(Alert.Phase.RESOLVED, resolved.phase());
        assertEquals(wentDown, resolved.since());
        assertEquals(Optional.of(Duration.between(wentDown, cameBack)), resolved.duration());
    }

    @Test
    void aReloadDuringAnOutageStillClosesItOnceTheReturnHolds() throws Exception {
        HealthSnapshot duringOutage = HealthSnapshot.initial(T0, true, true, 0)
                .withServices(T0, ServiceHealth.disconnected("connection refused"), true, ServiceHealth.connected(0.4));
        // the replaced module alerted the outage: the fleet's claim says so
        fleetClaims.claimChange(AlertType.DB_EXCEPTIONS.word() + ":database", "disconnected");
        Replica reloaded = new Replica("replica-1", 2, duringOutage);
        replicas.add(reloaded);
        reloaded.database.up.set(false);
        checks(3);

        reloaded.database.up.set(true);
        checks(2);
        redisOutageAsSentinel(2);

        List<Alert> all = databaseAlerts();
        assertEquals(1, all.size(), "no second outage alert, one recovery: " + all);
        assertEquals(Alert.Phase.RESOLVED, all.getFirst().phase());
    }

}
