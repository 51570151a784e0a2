package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Alert;
import dev.llmhealth.domain.model.AlertType;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.DeploymentState;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.HealthTransition;
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
 * <p>The listener only queues: claims may talk to Redis, which must never be on a check's thread.
 */
public final class TransitionAlerts implements TransitionListener, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TransitionAlerts.class.getName());
    private static final int INBOX_CAPACITY = 10_000;
    private static final String UNHEALTHY = DeploymentState.UNHEALTHY.word();
    private static final String HEALTHY = DeploymentState.HEALTHY.word();

    /** A transition, with when the state it leaves began (read on the checking thread, before the snapshot moves on). */
    private record Event(HealthTransition transition, Optional<Instant> previousSince) {
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
    private final Map<String, Instant> serviceDownSince = new HashMap<>();
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
        this.decider = Thread.ofVirtual().name("alerts-decider").start(() -> decide(reconcileEvery));
    }

    @Override
    public void transitioned(HealthTransition transition) {
        Optional<Instant> previousSince = Optional.empty();
        if (transition.kind() == HealthTransition.SubjectKind.DEPLOYMENT && transition.from().equals(UNHEALTHY)) {
            previousSince = snapshot.get().deployment(transition.subject()).filter(d -> !d.isHealthy()).map(DeploymentHealth::since);
        }
        if (!inbox.offer(new Event(transition, previousSince))) {
            LOG.log(System.Logger.Level.WARNING, "alerts: {0} transitions waiting; one was not alerted", INBOX_CAPACITY);
        }
    }

    private void decide(Duration reconcileEvery) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Event event = inbox.poll(reconcileEvery.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    reconcile();
                } else if (event.transition().kind() == HealthTransition.SubjectKind.SERVICE) {
                    service(event.transition());
                } else {
                    deployment(event);
                }
            } catch (InterruptedException stopping) {
                return;
            } catch (RuntimeException broken) {
                LOG.log(System.Logger.Level.WARNING, "alerts: a transition could not be alerted ({0})", broken.getClass().getSimpleName());
            }
        }
    }

    private void deployment(Event event) {
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

    private void service(HealthTransition t) {
        boolean down = t.to().equals("disconnected");
        boolean back = t.from().equals("disconnected") && !down;
        if (!down && !back) {
            return;
        }
        if (down) {
            serviceDownSince.putIfAbsent(t.subject(), t.at());
        }
        Optional<Instant> downSince = back ? Optional.ofNullable(serviceDownSince.remove(t.subject())) : Optional.empty();
        if (!claims.claimChange(AlertType.DB_EXCEPTIONS.word() + ":" + t.subject(), t.to())) {
            return;
        }
        Instant since = down ? t.at() : downSince.orElse(t.at());
        dispatcher.raise(new Alert(AlertType.DB_EXCEPTIONS, down ? Alert.Phase.FIRING : Alert.Phase.RESOLVED, "service", t.subject(),
                Optional.empty(), Optional.empty(), t.error(), since, downSince.map(s -> Duration.between(s, t.at())), t.at(), replica));
    }

    @Override
    public void close() {
        decider.interrupt();
    }
}
