package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Alert;
import dev.llmhealth.domain.model.AlertSettings;
import dev.llmhealth.domain.model.AlertType;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.DeploymentState;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.port.out.AlertClaims;
import dev.llmhealth.domain.port.out.RouterState;
import dev.llmhealth.domain.port.out.TransitionListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns recorded transitions into alerts: a deployment unhealthy and recovered ({@code llm_exceptions}),
 * a whole model group or upstream host down and back ({@code outage_alerts}, {@code region_outage_alerts}),
 * the database or Redis disconnected and back ({@code db_exceptions}).
 *
 * <p>Once per fleet: a deployment's transition is recorded by its lease holder alone, so its alert is
 * raised once. A service is checked by every replica, and a group's last deployment may go down on
 * another replica than its first, so those alerts go through {@link AlertClaims}: the replica that
 * moves the shared state first raises them. A periodic look at the snapshot (which holds the verdicts
 * other replicas shared) finds group outages whose deciding transitions were recorded elsewhere.
 *
 * <p>Service changes are damped before they are claimed: a change is alerted only once it held for
 * {@link AlertSettings#serviceAlertAfterChecks} consecutive service checks on this replica, counted
 * from the checks themselves (never from time, which a loaded machine stretches). One slow check on
 * one replica therefore alerts nothing, neither the outage nor a recovery; a recovery is claimed only
 * by a replica that held the outage itself, and a return that does not hold (a flap within an outage)
 * leaves the outage open with its first {@code since}.
 *
 * <p>The listener only queues: claims may talk to Redis, which must never be on a check's thread.
 */
public final class TransitionAlerts implements TransitionListener, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TransitionAlerts.class.getName());
    private static final int INBOX_CAPACITY = 10_000;
    private static final String UNHEALTHY = DeploymentState.UNHEALTHY.word();
    private static final String HEALTHY = DeploymentState.HEALTHY.word();

    private static final String DISCONNECTED = "disconnected";

    /** What the checking threads hand the decider, in the order they saw it. */
    private sealed interface Event {
    }

    /** A transition, with when the state it leaves began (read on the checking thread, before the snapshot moves on). */
    private record Transitioned(HealthTransition transition, Optional<Instant> previousSince) implements Event {
    }

    /** One service check's outcome word: counts how long a service change has held. */
    private record Checked(String service, String word) implements Event {
    }

    /** A service change not alerted yet, and how many consecutive checks have seen it so far. */
    private static final class Pending {
        private final HealthTransition change;
        private int checks;

        Pending(HealthTransition change) {
            this.change = change;
        }
    }

    private final AlertDispatcher dispatcher;
    private final AlertClaims claims;
    private final RouterState router;
    private final Supplier<HealthSnapshot> snapshot;
    private final Clock clock;
    private final String replica;
    private final BlockingQueue<Event> inbox = new ArrayBlockingQueue<>(INBOX_CAPACITY);
    private final Map<String, Boolean> unhealthy = new HashMap<>();
    private final Map<String, Instant> seenAt = new HashMap<>();
    private final int serviceAfterChecks;
    /** Services whose outage held here (alerted by this replica or another): when it began, if this instance saw it begin. */
    private final Map<String, Optional<Instant>> serviceOutages = new HashMap<>();
    private final Map<String, Pending> servicePending = new HashMap<>();
    private final Map<String, Instant> deploymentDownSince = new HashMap<>();
    private final Outages groups = new Outages(1);
    private final Outages hosts = new Outages(2);
    private final Thread decider;

    /** @param reconcileEvery how often the snapshot is read for outages decided on other replicas */
    public TransitionAlerts(AlertDispatcher dispatcher, AlertClaims claims, RouterState router, Supplier<HealthSnapshot> snapshot,
                            Clock clock, String replica, Duration reconcileEvery) {
        this.dispatcher = dispatcher;
        this.claims = claims;
        this.router = router;
        this.snapshot = snapshot;
        this.clock = clock;
        this.replica = replica;
        this.serviceAfterChecks = dispatcher.settings().serviceAlertAfterChecks();
        // a reload mid-outage: the replaced module held (and alerted) it, so its recovery is still this one's to close
        HealthSnapshot start = snapshot.get();
        for (ServiceName service : ServiceName.values()) {
            ServiceHealth health = start.service(service);
            if (health.isDisconnected() && !health.equals(ServiceHealth.NOT_CHECKED_YET)) {
                serviceOutages.put(service.key(), Optional.empty());
            }
        }
        this.decider = Thread.ofVirtual().name("alerts-decider").start(() -> decide(reconcileEvery));
    }

    @Override
    public void transitioned(HealthTransition transition) {
        Optional<Instant> previousSince = Optional.empty();
        if (transition.kind() == HealthTransition.SubjectKind.DEPLOYMENT && transition.from().equals(UNHEALTHY)) {
            previousSince = snapshot.get().deployment(transition.subject()).filter(d -> !d.isHealthy()).map(DeploymentHealth::since);
        }
        if (!inbox.offer(new Transitioned(transition, previousSince))) {
            LOG.log(System.Logger.Level.WARNING, "alerts: {0} transitions waiting; one was not alerted", INBOX_CAPACITY);
        }
    }

    @Override
    public void serviceChecked(ServiceName service, ServiceHealth outcome, Instant at) {
        // a check lost to a full inbox only delays a service alert by one check
        inbox.offer(new Checked(service.key(), outcome.word()));
    }

    private void decide(Duration reconcileEvery) {
        long nextReconcile = System.nanoTime() + reconcileEvery.toNanos();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                // every reconcileEvery even while events keep coming (a service check is one every interval)
                Event event = inbox.poll(Math.max(0, nextReconcile - System.nanoTime()), TimeUnit.NANOSECONDS);
                switch (event) {
                    case null -> {
                    }
                    case Checked checked -> serviceChecked(checked);
                    case Transitioned t when t.transition().kind() == HealthTransition.SubjectKind.SERVICE -> service(t.transition());
                    case Transitioned t -> deployment(t);
                }
                if (System.nanoTime() - nextReconcile >= 0) {
                    nextReconcile = System.nanoTime() + reconcileEvery.toNanos();
                    reconcile();
                }
            } catch (InterruptedException stopping) {
                return;
            } catch (RuntimeException broken) {
                LOG.log(System.Logger.Level.WARNING, "alerts: a transition could not be alerted ({0})", broken.getClass().getSimpleName());
            }
        }
    }

    private void deployment(Transitioned event) {
        HealthTransition t = event.transition();
        Optional<Deployment> deployment = router.deployments().stream().filter(d -> d.id().equals(t.subject())).findFirst();
        Optional<String> apiBase = deployment.map(Deployment::apiBase);
        if (t.to().equals(UNHEALTHY) && !t.from().equals(UNHEALTHY)) {
            deploymentDownSince.put(t.subject(), t.at());
            dispatcher.raise(new Alert(AlertType.LLM_EXCEPTIONS, Alert.Phase.FIRING, "deployment", t.subject(), t.modelName(), apiBase,
                    t.error(), t.at(), Optional.empty(), t.at(), replica));
        } else if (t.to().equals(HEALTHY) && t.from().equals(UNHEALTHY)) {
            Instant since = Optional.ofNullable(deploymentDownSince.remove(t.subject())).or(event::previousSince).orElse(t.at());
            dispatcher.raise(new Alert(AlertType.LLM_EXCEPTIONS, Alert.Phase.RESOLVED, "deployment", t.subject(), t.modelName(), apiBase,
                    Optional.empty(), since, Optional.of(Duration.between(since, t.at())), t.at(), replica));
        }
        unhealthy.put(t.subject(), t.to().equals(UNHEALTHY));
        seenAt.put(t.subject(), t.at());
        outages(t.at(), t.error());
    }

    /** Takes in the verdicts other replicas shared, then looks for outages they decided. */
    private void reconcile() {
        for (DeploymentHealth verdict : snapshot.get().deployments()) {
            String id = verdict.deployment().id();
            Instant seen = seenAt.get(id);
            if (seen == null || verdict.lastCheck().isAfter(seen)) {
                unhealthy.put(id, !verdict.isHealthy());
                seenAt.put(id, verdict.lastCheck());
            }
        }
        outages(clock.instant(), Optional.empty());
    }

    private void outages(Instant at, Optional<String> error) {
        List<Deployment> deployments = router.deployments();
        Map<String, List<String>> byGroup = deployments.stream().collect(Collectors.groupingBy(Deployment::modelName,
                LinkedHashMap::new, Collectors.mapping(Deployment::id, Collectors.toList())));
        Map<String, List<String>> byHost = deployments.stream().collect(Collectors.groupingBy(Deployment::upstreamHost,
                LinkedHashMap::new, Collectors.mapping(Deployment::id, Collectors.toList())));
        for (Outages.Change change : groups.evaluate(byGroup, this::isUnhealthy, at)) {
            area(AlertType.OUTAGE_ALERTS, "model_group", change, Optional.of(change.area()), groups, at, error);
        }
        for (Outages.Change change : hosts.evaluate(byHost, this::isUnhealthy, at)) {
            area(AlertType.REGION_OUTAGE_ALERTS, "upstream_host", change, Optional.empty(), hosts, at, error);
        }
    }

    private void area(AlertType type, String kind, Outages.Change change, Optional<String> group, Outages outages, Instant at,
                      Optional<String> error) {
        if (!claims.claimChange(type.word() + ":" + change.area(), change.down() ? "down" : "up")) {
            return;
        }
        Instant since = change.down() ? at : at.minus(change.duration().orElse(Duration.ZERO));
        dispatcher.raise(new Alert(type, change.down() ? Alert.Phase.FIRING : Alert.Phase.RESOLVED, kind, change.area(), group,
                Optional.empty(), change.down() ? error : Optional.empty(), since, change.duration(), at, replica));
    }

    private boolean isUnhealthy(String deploymentId) {
        return unhealthy.computeIfAbsent(deploymentId, id -> snapshot.get().deployment(id).map(d -> !d.isHealthy()).orElse(false));
    }

    /**
     * A service changed on this replica: an outage that did not hold here, or a return within one,
     * becomes pending until it holds; a change that only undoes what is pending cancels it, unalerted.
     */
    private void service(HealthTransition t) {
        boolean down = t.to().equals(DISCONNECTED);
        boolean inOutage = serviceOutages.containsKey(t.subject());
        if (down != inOutage) {
            servicePending.put(t.subject(), new Pending(t));
        } else {
            servicePending.remove(t.subject());
        }
    }

    private void serviceChecked(Checked check) {
        Pending pending = servicePending.get(check.service());
        if (pending == null) {
            return;
        }
        if (!pending.change.to().equals(check.word())) {
            // a transition was lost (a full inbox): what is pending no longer holds
            servicePending.remove(check.service());
            return;
        }
        pending.checks++;
        if (pending.checks >= serviceAfterChecks) {
            servicePending.remove(check.service());
            serviceHeld(pending.change);
        }
    }

    /** A service change held long enough: the replica that claims it first in the fleet alerts it. */
    private void serviceHeld(HealthTransition t) {
        boolean down = t.to().equals(DISCONNECTED);
        Optional<Instant> downSince = down ? Optional.of(t.at()) : serviceOutages.remove(t.subject());
        if (down) {
            serviceOutages.put(t.subject(), downSince);
        }
        if (!claims.claimChange(AlertType.DB_EXCEPTIONS.word() + ":" + t.subject(), down ? DISCONNECTED : t.to())) {
            return;
        }
        Instant since = downSince.orElse(t.at());
        dispatcher.raise(new Alert(AlertType.DB_EXCEPTIONS, down ? Alert.Phase.FIRING : Alert.Phase.RESOLVED, "service", t.subject(),
                Optional.empty(), Optional.empty(), down ? t.error() : Optional.empty(), since,
                down ? Optional.empty() : downSince.map(s -> Duration.between(s, t.at())), t.at(), replica));
    }

    @Override
    public void close() {
        decider.interrupt();
    }
}
