package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.model.ProbeSchedulingSettings;
import dev.llmhealth.domain.policy.FlapDamping;
import dev.llmhealth.domain.port.in.CheckModelNowUseCase;
import dev.llmhealth.domain.port.in.RunCheckRoundUseCase;
import dev.llmhealth.domain.port.out.ModelProbe;
import dev.llmhealth.domain.port.out.ProbeCoordination;
import dev.llmhealth.domain.port.out.ProbeSkips;
import dev.llmhealth.domain.port.out.RouterState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One model check round: every deployment probed concurrently on virtual threads, bounded by a
 * global and a per-host cap, and by an absolute deadline (timeout + 1 s) so one hung upstream
 * never holds the round. Verdicts pass through flap damping and are published as a new snapshot.
 * A deployment that real traffic showed healthy within the interval is not probed
 * ({@code skip_probe_when_traffic_ok}); between rounds, unhealthy ones can be re-checked alone
 * ({@code unhealthy_interval}).
 *
 * <p>With several replicas sharing a {@link ProbeCoordination}, a deployment is probed only by the
 * replica holding its lease; the others take its verdict (flap counters included) from the shared
 * store, so every replica serves the same verdicts and a provider sees one probe per interval. When
 * the shared store cannot be reached, every replica probes on its own rather than serve nothing.
 * Each state change this replica reaches by a probe goes to the history once.
 */
public final class CheckRoundService implements RunCheckRoundUseCase, CheckModelNowUseCase, AutoCloseable {

    /** A model group is probed on request at most once in this span; callers in between get the latest verdict. */
    static final Duration FORCED_CHECK_SPACING = Duration.ofSeconds(5);

    /** At least this much on top of a lease's period, for the leases' and verdicts' own round trips. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);

    private final RouterState router;
    private final ModelProbe probe;
    private final SnapshotStore store;
    private final HealthSettings settings;
    private final Clock clock;
    private final FlapDamping damping;
    private final ProbeLimits limits;
    private final ProbeSchedulingSettings scheduling;
    private final TrafficEvidence traffic;
    private final ProbeSkips skips;
    private final SharedProbing sharing;
    private final TransitionRecorder transitions;
    private final ExecutorService probeThreads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("health-probe-", 0).factory());
    private final ReentrantLock oneRoundAtATime = new ReentrantLock();
    private volatile boolean closed;
    private final ConcurrentMap<String, CompletableFuture<Void>> forcedChecksInFlight = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant> lastForcedCheck = new ConcurrentHashMap<>();

    public CheckRoundService(RouterState router, ModelProbe probe, SnapshotStore store, HealthSettings settings, Clock clock) {
        this(router, probe, store, settings, clock, ProbeSchedulingSettings.defaults(settings), new TrafficEvidence(), ProbeSkips.NONE);
    }

    /** @param traffic successful real calls, written by the traffic use case */
    public CheckRoundService(RouterState router, ModelProbe probe, SnapshotStore store, HealthSettings settings, Clock clock,
                             ProbeSchedulingSettings scheduling, TrafficEvidence traffic, ProbeSkips skips) {
        this(router, probe, store, settings, clock, scheduling, traffic, skips, ProbeCoordination.local("local"), TransitionRecorder.none());
    }

    /**
     * @param coordination leases and verdicts shared with the other replicas
     * @param transitions  where the state changes this replica's probes reach are recorded
     */
    public CheckRoundService(RouterState router, ModelProbe probe, SnapshotStore store, HealthSettings settings, Clock clock,
                             ProbeSchedulingSettings scheduling, TrafficEvidence traffic, ProbeSkips skips,
                             ProbeCoordination coordination, TransitionRecorder transitions) {
        this.sharing = new SharedProbing(coordination, store, transitions);
        this.transitions = transitions;
        this.router = router;
        this.probe = probe;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.damping = new FlapDamping(settings.unhealthyThreshold(), settings.healthyThreshold(), settings.ignoreTransientErrors());
        this.limits = new ProbeLimits(settings.globalConcurrency(), settings.perHostConcurrency());
        this.scheduling = scheduling;
        this.traffic = traffic;
        this.skips = skips;
    }

    @Override
    public void runRound() {
        oneRoundAtATime.lock();
        try {
            List<Deployment> deployments = router.deployments();
            sharing.pullInto(deployments);
            StartupTimeline.mark("first round: shared verdicts pulled");
            List<Deployment> due = due(deployments);
            Map<String, DeploymentHealth> vouched = vouchedByTraffic(due);
            List<Deployment> scheduled = due.stream().filter(d -> !vouched.containsKey(d.id()) && probed(d, true)).toList();
            Map<String, ProbeResult> results = probeAll(sharing.leased(scheduled, leaseTtl()), true);
            if (stopping()) {
                return;
            }
            Instant ended = clock.instant();
            Map<String, DeploymentHealth> before = store.current().deploymentsById();
            List<DeploymentHealth> verdicts = new ArrayList<>(deployments.size());
            List<DeploymentHealth> reached = new ArrayList<>(results.size());
            List<String> keptAsTheyAre = new ArrayList<>();
            for (Deployment deployment : deployments) {
                Optional<DeploymentHealth> previous = Optional.ofNullable(before.get(deployment.id()));
                DeploymentHealth byTraffic = vouched.get(deployment.id());
                ProbeResult result = results.get(deployment.id());
                if (byTraffic != null) {
                    // traffic that took it out while the round ran outranks the success the round started from
                    verdicts.add(previous.filter(p -> !p.isHealthy()).orElse(byTraffic));
                } else if (result != null) {
                    DeploymentHealth verdict = verdict(previous, deployment, result, ended);
                    verdicts.add(verdict);
                    reached.add(verdict);
                } else if (!probed(deployment, true)) {
                    verdicts.add(verdict(previous, deployment, null, ended));
                } else {
                    // another replica holds its lease: keep the verdict it shared (none yet: still unchecked)
                    keptAsTheyAre.add(deployment.id());
                }
            }
            // what arrived for those while this round ran (a pulled verdict, a check on request) is kept too
            store.update(snapshot -> snapshot.withRound(ended, deployments.size(), withCurrent(verdicts, keptAsTheyAre, snapshot)));
            StartupTimeline.mark("first round ended");
            sharing.share(reached);
        } finally {
            oneRoundAtATime.unlock();
        }
    }

    /**
     * How often rounds run: the proxy-wide interval, or a deployment's own shorter
     * {@code health_check_interval}. With no deployment of its own interval, every round probes all.
     */
    public static Duration roundInterval(HealthSettings settings, List<Deployment> deployments) {
        Duration tick = settings.interval();
        for (Deployment deployment : deployments) {
            Duration own = deployment.probeInterval(settings.interval());
            tick = own.compareTo(tick) < 0 ? own : tick;
        }
        return tick;
    }

    /**
     * The deployments this round should probe: each whose own interval (else the proxy-wide one) has
     * passed since its latest verdict, within half a round (rounds are jittered). A deployment whose
     * interval is the round's is due every round, as before per-deployment intervals existed.
     */
    private List<Deployment> due(List<Deployment> deployments) {
        Duration tick = roundInterval(settings, deployments);
        Instant now = clock.instant();
        Map<String, DeploymentHealth> current = store.current().deploymentsById();
        List<Deployment> due = new ArrayList<>(deployments.size());
        for (Deployment deployment : deployments) {
            Duration every = deployment.probeInterval(settings.interval());
            DeploymentHealth latest = current.get(deployment.id());
            if (every.equals(tick) || latest == null
                    || !now.isBefore(latest.lastCheck().plus(every).minus(tick.dividedBy(2)))) {
                due.add(deployment);
            }
        }
        return due;
    }

    /**
     * Probes the deployments that are unhealthy now, and only those: run every
     * {@code unhealthy_interval} between rounds so a recovery shows soon. Skipped while a round runs.
     */
    public void recheckUnhealthy() {
        if (!oneRoundAtATime.tryLock()) {
            return;
        }
        try {
            List<Deployment> deployments = router.deployments();
            sharing.pullInto(deployments);
            Map<String, DeploymentHealth> atStart = store.current().deploymentsById();
            List<Deployment> unhealthy = deployments.stream()
                    .filter(d -> atStart.containsKey(d.id()) && !atStart.get(d.id()).isHealthy()).toList();
            if (unhealthy.isEmpty()) {
                return;
            }
            Map<String, ProbeResult> results = probeAll(sharing.leased(unhealthy, leaseTtl()), true);
            if (stopping()) {
                return;
            }
            Instant ended = clock.instant();
            Map<String, DeploymentHealth> before = store.current().deploymentsById();
            List<DeploymentHealth> verdicts = unhealthy.stream().filter(d -> results.containsKey(d.id()))
                    .map(d -> verdict(Optional.ofNullable(before.get(d.id())), d, results.get(d.id()), ended)).toList();
            store.update(snapshot -> snapshot.withVerdicts(ended, verdicts));
            sharing.share(verdicts);
        } finally {
            oneRoundAtATime.unlock();
        }
    }

    /**
     * Takes the other replicas' newer verdicts into this replica's snapshot: run before each round
     * (so damping counts on from the shared flap counters) and between rounds, every service check.
     */
    public void pullSharedVerdicts() {
        sharing.pullInto(router.deployments());
    }

    /**
     * A little over one period of the holder's rounds (interval, its jitter, and a round's deadline),
     * so the holder renews it at its next round and a replica that died loses it soon after.
     */
    Duration leaseTtl() {
        Duration interval = settings.interval();
        // the holder's renewals are a jittered interval plus a round apart; the margin covers the shared store's own calls
        Duration margin = interval.dividedBy(10).compareTo(LEASE_MARGIN) > 0 ? interval.dividedBy(10) : LEASE_MARGIN;
        return interval.plus(interval.multipliedBy(settings.jitterPercent()).dividedBy(100)).plus(settings.roundDeadline()).plus(margin);
    }

    /** The verdicts a round reached, plus the current ones of the deployments it left as they are. */
    private static List<DeploymentHealth> withCurrent(List<DeploymentHealth> reached, List<String> keptAsTheyAre, HealthSnapshot snapshot) {
        if (keptAsTheyAre.isEmpty()) {
            return reached;
        }
        Map<String, DeploymentHealth> current = snapshot.deploymentsById();
        List<DeploymentHealth> all = new ArrayList<>(reached);
        for (String id : keptAsTheyAre) {
            DeploymentHealth verdict = current.get(id);
            if (verdict != null) {
                all.add(verdict);
            }
        }
        return all;
    }

    /**
     * The scheduler stopping (a shutdown or a reload) interrupts a round: its probes' answers are
     * then cut-off calls, not evidence, so it records, publishes and stores nothing.
     */
    private boolean stopping() {
        return closed || Thread.currentThread().isInterrupted();
    }

    /** The scheduled probes that real traffic makes unnecessary, each with the verdict it stands for; counted as skipped. */
    private Map<String, DeploymentHealth> vouchedByTraffic(List<Deployment> deployments) {
        Map<String, DeploymentHealth> vouched = new LinkedHashMap<>();
        if (!scheduling.skipProbeWhenTrafficOk()) {
            return vouched;
        }
        Instant now = clock.instant();
        Map<String, DeploymentHealth> current = store.current().deploymentsById();
        for (Deployment deployment : deployments) {
            if (probed(deployment, true)) {
                traffic.vouchedFor(Optional.ofNullable(current.get(deployment.id())), deployment, now, settings.interval()).ifPresent(verdict -> {
                    vouched.put(deployment.id(), verdict);
                    skips.probeSkipped(deployment);
                });
            }
        }
        return vouched;
    }

    @Override
    public boolean checkNow(String modelName) {
        List<Deployment> group = router.deployments().stream().filter(d -> d.modelName().equals(modelName)).toList();
        if (group.isEmpty()) {
            return false;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = forcedChecksInFlight.putIfAbsent(modelName, mine);
        if (running != null) {
            awaitShared(running);
            return true;
        }
        try {
            Instant now = clock.instant();
            Instant last = lastForcedCheck.get(modelName);
            if (last == null || !now.isBefore(last.plus(FORCED_CHECK_SPACING))) {
                lastForcedCheck.put(modelName, now);
                checkGroupNow(group);
            }
        } finally {
            forcedChecksInFlight.remove(modelName, mine);
            mine.complete(null);
        }
        return true;
    }

    /**
     * Probes the group at once, one check at a time with the rounds (so a round and this check never
     * start from the same previous verdict). Every verdict shows here at once; only those whose lease
     * this replica holds are recorded and shared, so the lease holder stays the one that writes them.
     * A round still running past the probe timeout: the caller gets the latest verdicts.
     */
    private void checkGroupNow(List<Deployment> group) {
        try {
            if (!oneRoundAtATime.tryLock(settings.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            Set<String> ours = sharing.leased(group, leaseTtl()).stream().map(Deployment::id).collect(java.util.stream.Collectors.toSet());
            Map<String, ProbeResult> results = probeAll(group, false);
            if (stopping()) {
                return;
            }
            Instant ended = clock.instant();
            Map<String, DeploymentHealth> before = store.current().deploymentsById();
            List<DeploymentHealth> verdicts = group.stream()
                    .map(d -> verdict(Optional.ofNullable(before.get(d.id())), d, results.get(d.id()), ended, ours.contains(d.id())))
                    .toList();
            store.update(snapshot -> snapshot.withVerdicts(ended, verdicts));
            sharing.share(verdicts.stream().filter(v -> ours.contains(v.deployment().id())).toList());
        } finally {
            oneRoundAtATime.unlock();
        }
    }

    private void awaitShared(CompletableFuture<Void> running) {
        try {
            running.get(settings.roundDeadline().toNanos() + 1_000_000_000L, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException ignored) {
            // the caller answers with the latest verdict either way
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private DeploymentHealth verdict(Optional<DeploymentHealth> previous, Deployment deployment, ProbeResult result, Instant at) {
        return verdict(previous, deployment, result, at, true);
    }

    /** @param recorded whether a change of state goes to the history (this replica holds the lease) */
    private DeploymentHealth verdict(Optional<DeploymentHealth> previous, Deployment deployment, ProbeResult result, Instant at,
                                     boolean recorded) {
        if (result == null) {
            return damping.assumed(previous, deployment, at);
        }
        DeploymentHealth verdict = damping.apply(previous, deployment, result, at);
        if (recorded) {
            // reached by this replica's own probe under its lease: it alone records the change
            transitions.deployment(previous, verdict);
        }
        return verdict;
    }

    /** {@code background_health_checks: false} stops scheduled probes only; a check on request still probes. */
    private boolean probed(Deployment deployment, boolean scheduled) {
        return deployment.probeMode() != ProbeMode.NONE && (settings.backgroundChecks() || !scheduled);
    }

    private Map<String, ProbeResult> probeAll(List<Deployment> deployments, boolean scheduled) {
        long deadline = System.nanoTime() + roundDeadline(deployments).toNanos();
        ProbeLimits.Round round = limits.round(deployments.stream().filter(d -> probed(d, scheduled)).map(Deployment::upstreamHost).toList(), deadline);
        Map<String, Future<ProbeResult>> inFlight = new LinkedHashMap<>();
        for (Deployment deployment : deployments) {
            if (probed(deployment, scheduled)) {
                try {
                    inFlight.put(deployment.id(), probeThreads.submit(() -> probeWithinLimits(round, deployment, deadline)));
                } catch (RejectedExecutionException afterClose) {
                    // this service was closed (a shutdown, or a reload replaced it): nothing more is probed
                    break;
                }
            }
        }
        Map<String, ProbeResult> results = new LinkedHashMap<>();
        for (Map.Entry<String, Future<ProbeResult>> entry : inFlight.entrySet()) {
            results.put(entry.getKey(), awaitUntil(entry.getValue(), deadline));
        }
        return results;
    }

    /** The round ends one second after its longest probe timeout (a deployment's own {@code health_check_timeout} included). */
    private Duration roundDeadline(List<Deployment> deployments) {
        Duration longest = settings.timeout();
        for (Deployment deployment : deployments) {
            Duration own = deployment.probeTimeout(settings.timeout());
            longest = own.compareTo(longest) > 0 ? own : longest;
        }
        return longest.plus(settings.roundDeadline().minus(settings.timeout()));
    }

    private ProbeResult probeWithinLimits(ProbeLimits.Round round, Deployment deployment, long deadline) throws InterruptedException {
        try (ProbeLimits.Permit permit = round.acquire(deployment.upstreamHost())) {
            if (!permit.granted()) {
                return timedOut();
            }
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            Duration own = deployment.probeTimeout(settings.timeout());
            Duration timeout = left.compareTo(own) < 0 ? left : own;
            return probe.probe(deployment, timeout.isNegative() ? Duration.ZERO : timeout);
        }
    }

    private ProbeResult awaitUntil(Future<ProbeResult> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            future.cancel(true);
            return timedOut();
        } catch (ExecutionException failed) {
            // the probe port must not throw; if one does, say what kind of thing went wrong, never its message (it may carry secrets)
            return ProbeResult.unhealthy(ErrorKind.UNKNOWN, "health check failed: " + failed.getCause().getClass().getSimpleName());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return ProbeResult.unhealthy(ErrorKind.UNKNOWN, "health check interrupted");
        }
    }

    private ProbeResult timedOut() {
        return ProbeResult.unhealthy(ErrorKind.TIMEOUT, "health check timed out after " + settings.timeout().toMillis() + " ms");
    }

    @Override
    public void close() {
        closed = true;
        probeThreads.shutdownNow();
    }
}
