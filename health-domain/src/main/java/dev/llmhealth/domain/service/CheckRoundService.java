package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.ProbeSchedulingSettings;
import dev.llmhealth.domain.port.in.CheckModelNowUseCase;
import dev.llmhealth.domain.port.in.RunCheckRoundUseCase;
import dev.llmhealth.domain.port.out.ModelProbe;
import dev.llmhealth.domain.port.out.ProbeCoordination;
import dev.llmhealth.domain.port.out.ProbeSkips;
import dev.llmhealth.domain.port.out.RouterState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The model checks, as three workflows over one shared part: the scheduled round
 * ({@link ScheduledRound}), the recheck of unhealthy deployments between rounds
 * ({@link UnhealthyRecheck}) and the check on request ({@link CheckOnRequest}), each probing through
 * {@link ProbeExecution} (virtual threads, global and per-host caps, one absolute deadline) and
 * turning results into verdicts through {@link VerdictPublisher} (flap damping, one record per change).
 * One lock keeps them one at a time, so two never start from the same previous verdict.
 *
 * <p>With several replicas sharing a {@link ProbeCoordination}, a deployment is probed only by the
 * replica holding its lease; the others take its verdict (flap counters included) from the shared
 * store, so every replica serves the same verdicts and a provider sees one probe per interval. When
 * the shared store cannot be reached, every replica probes on its own rather than serve nothing.
 */
public final class CheckRoundService implements RunCheckRoundUseCase, CheckModelNowUseCase, AutoCloseable {

    private final CheckContext context;
    private final ScheduledRound round;
    private final UnhealthyRecheck recheck;
    private final CheckOnRequest onRequest;

    public CheckRoundService(RouterState router, ModelProbe probe, SnapshotStore store, HealthSettings settings, Clock clock) {
        this(router, probe, store, settings, clock, ProbeSchedulingSettings.defaults(settings), new TrafficEvidence(), ProbeSkips.NONE);
    }

    /** @param traffic successful real calls, written by the traffic use case */
    public CheckRoundService(RouterState router, ModelProbe probe, SnapshotStore store, HealthSettings settings, Clock clock,
                             ProbeSchedulingSettings scheduling, TrafficEvidence traffic, ProbeSkips skips) {
        this(router, probe, store, settings, clock, scheduling, traffic, skips, ProbeCoordination.local(dev.llmhealth.domain.model.CoordinationMode.LONE_REPLICA), TransitionRecorder.none());
    }

    /**
     * @param coordination leases and verdicts shared with the other replicas
     * @param transitions  where the state changes this replica's probes reach are recorded
     */
    public CheckRoundService(RouterState router, ModelProbe probe, SnapshotStore store, HealthSettings settings, Clock clock,
                             ProbeSchedulingSettings scheduling, TrafficEvidence traffic, ProbeSkips skips,
                             ProbeCoordination coordination, TransitionRecorder transitions) {
        this.context = new CheckContext(router, store, settings, settings.timing(), clock, new ProbeExecution(probe, settings),
                new VerdictPublisher(settings, transitions), new SharedProbing(coordination, store, transitions), new ReentrantLock());
        this.round = new ScheduledRound(context, scheduling, traffic, skips);
        this.recheck = new UnhealthyRecheck(context);
        this.onRequest = new CheckOnRequest(context);
    }

    @Override
    public void runRound() {
        round.runRound();
    }

    /**
     * Probes the deployments that are unhealthy now, and only those: run every
     * {@code unhealthy_interval} between rounds so a recovery shows soon. Skipped while a round runs.
     */
    public void recheckUnhealthy() {
        recheck.recheck();
    }

    @Override
    public boolean checkNow(String modelName) {
        return onRequest.checkNow(modelName);
    }

    /**
     * Takes the other replicas' newer verdicts into this replica's snapshot: run before each round
     * (so damping counts on from the shared flap counters) and between rounds, every service check.
     */
    public void pullSharedVerdicts() {
        context.sharing().pullInto(context.router().deployments());
    }

    /**
     * How often rounds run: the proxy-wide interval, or a deployment's own shorter
     * {@code health_check_interval}. With no deployment of its own interval, every round probes all.
     */
    public static Duration roundInterval(HealthSettings settings, List<Deployment> deployments) {
        return ScheduledRound.roundInterval(settings, deployments);
    }

    /** A probe lease's time to live. */
    Duration leaseTtl() {
        return context.timing().leaseTtl();
    }

    @Override
    public void close() {
        context.execution().close();
    }
}
