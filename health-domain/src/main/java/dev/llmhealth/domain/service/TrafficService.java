package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.DeploymentState;
import dev.llmhealth.domain.model.EvidenceSource;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.PassiveHealthState;
import dev.llmhealth.domain.model.ProxyRequestOutcome;
import dev.llmhealth.domain.model.TrafficOutcome;
import dev.llmhealth.domain.policy.PassiveHealthPolicy;
import dev.llmhealth.domain.policy.PassiveHealthPolicy.CooledDown;
import dev.llmhealth.domain.policy.PassiveHealthPolicy.Decision;
import dev.llmhealth.domain.policy.PassiveHealthPolicy.Recovered;
import dev.llmhealth.domain.port.in.GetRoutableDeploymentsQuery;
import dev.llmhealth.domain.port.in.RecordTrafficUseCase;
import dev.llmhealth.domain.port.out.PanicModeListener;
import dev.llmhealth.domain.port.out.RouterState;
import dev.llmhealth.domain.port.out.TrafficMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Takes the real traffic a proxy reports: counts it, and applies passive health. A deployment
 * that passive health takes out is published as unhealthy with {@code source: traffic} and an
 * error that says why; a successful call after the cooldown, or a passing probe, brings it back.
 * Requested model names the router does not know are counted as {@value #UNKNOWN_MODEL}, and calls
 * to deployments it does not know are not counted at all, so no client input becomes a label.
 * Below {@code panic_threshold_percent} routable deployments in a group, routing panics: every
 * deployment of the group may take calls again, rather than every call failing (Envoy's panic threshold).
 */
public final class TrafficService implements RecordTrafficUseCase, GetRoutableDeploymentsQuery {

    public static final String UNKNOWN_MODEL = "unknown";

    private static final System.Logger LOG = System.getLogger(TrafficService.class.getName());

    private final RouterState router;
    private final SnapshotStore store;
    private final PassiveHealthPolicy policy;
    private final TrafficMetrics metrics;
    private final Clock clock;
    private final TrafficEvidence evidence;
    private final int panicThresholdPercent;
    private final PanicModeListener panicListener;
    private final TransitionRecorder transitions;
    private final ConcurrentMap<String, Boolean> panicking = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, PassiveHealthState> states = new ConcurrentHashMap<>();
    private volatile DeploymentIndex index;

    public TrafficService(RouterState router, SnapshotStore store, PassiveHealthPolicy policy, TrafficMetrics metrics, Clock clock) {
        this(router, store, policy, metrics, clock, new TrafficEvidence());
    }

    /** Without panic mode: a group with no routable deployment takes no calls. */
    public TrafficService(RouterState router, SnapshotStore store, PassiveHealthPolicy policy, TrafficMetrics metrics, Clock clock,
                          TrafficEvidence evidence) {
        this(router, store, policy, metrics, clock, evidence, 0, PanicModeListener.NONE);
    }

    /**
     * @param evidence              where successful calls are noted, so a check round can skip their deployments' probes
     * @param panicThresholdPercent below this share of routable deployments a group routes to all of them (0: never)
     */
    public TrafficService(RouterState router, SnapshotStore store, PassiveHealthPolicy policy, TrafficMetrics metrics, Clock clock,
                          TrafficEvidence evidence, int panicThresholdPercent, PanicModeListener panicListener) {
        this(router, store, policy, metrics, clock, evidence, panicThresholdPercent, panicListener, TransitionRecorder.none());
    }

    /** @param transitions where the state changes real traffic causes on this replica are recorded */
    public TrafficService(RouterState router, SnapshotStore store, PassiveHealthPolicy policy, TrafficMetrics metrics, Clock clock,
                          TrafficEvidence evidence, int panicThresholdPercent, PanicModeListener panicListener,
                          TransitionRecorder transitions) {
        this.transitions = transitions;
        if (panicThresholdPercent < 0 || panicThresholdPercent > 100) {
            throw new IllegalArgumentException("panic_threshold_percent must be between 0 and 100, got " + panicThresholdPercent);
        }
        this.router = router;
        this.store = store;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
        this.evidence = evidence;
        this.panicThresholdPercent = panicThresholdPercent;
        this.panicListener = panicListener;
    }

    @Override
    public void recordCall(TrafficOutcome call) {
        DeploymentIndex deployments = index();
        Optional<Deployment> known = deployments.deployment(call.deploymentId());
        if (known.isEmpty()) {
            return;
        }
        Deployment deployment = known.get();
        TrafficOutcome counted = call.withRequestedModel(knownModel(deployments, call.requestedModel()));
        metrics.callFinished(deployment, counted);

        Instant now = clock.instant();
        if (counted.succeeded()) {
            evidence.succeeded(deployment.id(), now);
        }
        Optional<DeploymentHealth> current = store.current().deployment(deployment.id());
        AtomicReference<Decision> decision = new AtomicReference<>();
        states.compute(deployment.id(), (id, before) -> {
            PassiveHealthState state = before == null ? PassiveHealthState.CLEAN : before;
            if (state.takenOut() && current.filter(DeploymentHealth::isHealthy).isPresent()) {
                // a probe brought it back since: start afresh
                state = policy.afterProbeRecovery();
            }
            PassiveHealthPolicy.Step step = counted.succeeded()
                    ? policy.afterSuccess(state, now)
                    : policy.afterFailure(state, counted.error().orElseThrow(), now);
            decision.set(step.decision());
            return step.state();
        });
        switch (decision.get()) {
            case CooledDown cooledDown -> coolDown(deployment, counted, cooledDown, now);
            case Recovered recovered -> recover(deployment, now);
            default -> {
                // nothing changed that anyone needs to hear about
            }
        }
    }

    @Override
    public void recordRequest(ProxyRequestOutcome request) {
        DeploymentIndex deployments = index();
        Optional<Deployment> servedBy = request.servedBy().flatMap(deployments::deployment);
        metrics.requestFinished(servedBy, request.withRequestedModel(knownModel(deployments, request.requestedModel())));
    }

    @Override
    public List<Deployment> routable(String modelName) {
        List<Deployment> group = index().group(modelName);
        if (group.isEmpty()) {
            return List.of();
        }
        HealthSnapshot snapshot = store.current();
        Instant now = clock.instant();
        List<Deployment> routable = new ArrayList<>(group.size());
        for (Deployment deployment : group) {
            Optional<DeploymentHealth> verdict = snapshot.deployment(deployment.id());
            if (verdict.isEmpty() || verdict.get().isHealthy()
                    || verdict.get().source() == EvidenceSource.TRAFFIC && !coolingDown(deployment.id(), now)) {
                routable.add(deployment);
            }
        }
        boolean panic = (long) routable.size() * 100 < (long) panicThresholdPercent * group.size();
        panicModeIs(modelName, panic, routable.size(), group.size());
        return panic ? group : routable;
    }

    /** Tells the listener and the log once per change, not once per call. */
    private void panicModeIs(String modelName, boolean panic, int routable, int configured) {
        Boolean before = panicking.put(modelName, panic);
        if (before == null ? !panic : before == panic) {
            return;
        }
        panicListener.panicMode(modelName, panic);
        if (panic) {
            LOG.log(System.Logger.Level.WARNING, "model group {0} enters panic mode: {1} of {2} deployments healthy, below "
                    + "panic_threshold_percent {3} %; calls go to all of them", modelName, routable, configured, panicThresholdPercent);
        } else {
            LOG.log(System.Logger.Level.INFO, "model group {0} leaves panic mode: {1} of {2} deployments healthy", modelName,
                    routable, configured);
        }
    }

    private boolean coolingDown(String deploymentId, Instant now) {
        PassiveHealthState state = states.get(deploymentId);
        return state != null && policy.coolingDown(state, now);
    }

    private void coolDown(Deployment deployment, TrafficOutcome cause, CooledDown cooledDown, Instant now) {
        String why = "cooled down by real traffic: more than " + policy.settings().allowedFails() + " failed calls within "
                + policy.settings().window().toSeconds() + " s (latest: " + describe(cause) + "); out of rotation for "
                + cooledDown.length().toMillis() / 1000.0 + " s";
        Change change = new Change();
        store.update(snapshot -> {
            change.none();
            Optional<DeploymentHealth> before = snapshot.deployment(deployment.id());
            // a probe's unhealthy verdict says more than traffic can; traffic never overrides it
            if (before.isPresent() && !before.get().isHealthy() && before.get().source() != EvidenceSource.TRAFFIC) {
                return snapshot;
            }
            Instant since = before.filter(b -> !b.isHealthy()).map(DeploymentHealth::since).orElse(now);
            DeploymentHealth verdict = new DeploymentHealth(deployment, DeploymentState.UNHEALTHY, EvidenceSource.TRAFFIC, now, since,
                    Optional.of(why), Optional.empty(), cooledDown.failuresInWindow(), 0,
                    before.flatMap(DeploymentHealth::lastSuccess));
            change.is(before, verdict);
            return snapshot.withVerdicts(now, List.of(verdict));
        });
        metrics.cooledDown(deployment, cause);
        if (change.happened()) {
            transitions.deployment(change.before, change.after);
        }
    }

    private void recover(Deployment deployment, Instant now) {
        Change change = new Change();
        store.update(snapshot -> {
            change.none();
            Optional<DeploymentHealth> before = snapshot.deployment(deployment.id());
            if (before.isEmpty() || before.get().isHealthy() || before.get().source() != EvidenceSource.TRAFFIC) {
                return snapshot;
            }
            DeploymentHealth verdict = new DeploymentHealth(deployment, DeploymentState.HEALTHY, EvidenceSource.TRAFFIC, now, now,
                    Optional.empty(), Optional.empty(), 0, 1, Optional.of(now));
            change.is(before, verdict);
            return snapshot.withVerdicts(now, List.of(verdict));
        });
        if (change.happened()) {
            transitions.deployment(change.before, change.after);
        }
    }

    /**
     * The verdict a snapshot update replaced and the one it put in, if it put one in: the update may
     * run more than once, and only its last run counts.
     */
    private static final class Change {
        private Optional<DeploymentHealth> before = Optional.empty();
        private DeploymentHealth after;

        void none() {
            before = Optional.empty();
            after = null;
        }

        void is(Optional<DeploymentHealth> replaced, DeploymentHealth verdict) {
            before = replaced;
            after = verdict;
        }

        boolean happened() {
            return after != null;
        }
    }

    private static String describe(TrafficOutcome call) {
        String kind = call.error().map(k -> k.name().toLowerCase(Locale.ROOT).replace('_', ' ')).orElse("ok");
        return call.httpStatus() > 0 ? "HTTP " + call.httpStatus() + ", " + kind : kind;
    }

    private static String knownModel(DeploymentIndex deployments, String requestedModel) {
        return deployments.hasGroup(requestedModel) ? requestedModel : UNKNOWN_MODEL;
    }

    private DeploymentIndex index() {
        DeploymentIndex current = DeploymentIndex.of(router.deployments(), index);
        index = current;
        return current;
    }
}
