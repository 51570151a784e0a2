package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.model.ProbeSchedulingSettings;
import dev.llmhealth.domain.port.in.RunCheckRoundUseCase;
import dev.llmhealth.domain.port.out.ProbeSkips;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduled round: every deployment that is due is probed, except those real traffic already
 * vouches for ({@code skip_probe_when_traffic_ok}) and those whose lease another replica holds
 * (their shared verdict is kept); the verdicts become the next snapshot and are shared.
 */
final class ScheduledRound implements RunCheckRoundUseCase {

    private final CheckContext context;
    private final ProbeSchedulingSettings scheduling;
    private final TrafficEvidence traffic;
    private final ProbeSkips skips;

    ScheduledRound(CheckContext context, ProbeSchedulingSettings scheduling, TrafficEvidence traffic, ProbeSkips skips) {
        this.context = context;
        this.scheduling = scheduling;
        this.traffic = traffic;
        this.skips = skips;
    }

    @Override
    public void runRound() {
        context.oneCheckAtATime().lock();
        try {
            List<Deployment> deployments = context.router().deployments();
            context.sharing().pullInto(deployments);
            StartupTimeline.mark("first round: shared verdicts pulled");
            List<Deployment> due = due(deployments);
            Map<String, DeploymentHealth> vouched = vouchedByTraffic(due);
            ProbeExecution execution = context.execution();
            List<Deployment> scheduled = due.stream().filter(d -> !vouched.containsKey(d.id()) && execution.probes(d, true)).toList();
            Map<String, ProbeResult> results = execution.probeAll(context.sharing().leased(scheduled, context.timing().leaseTtl()), true);
            if (execution.stopping()) {
                return;
            }
            Instant ended = context.clock().instant();
            Map<String, DeploymentHealth> before = context.store().current().deploymentsById();
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
                    DeploymentHealth verdict = context.verdicts().recorded(previous, deployment, result, ended);
                    verdicts.add(verdict);
                    reached.add(verdict);
                } else if (!execution.probes(deployment, true)) {
                    verdicts.add(context.verdicts().assumed(previous, deployment, ended));
                } else {
                    // not due, or another replica holds its lease: keep the verdict there is (none yet: still unchecked)
                    keptAsTheyAre.add(deployment.id());
                }
            }
            // what arrived for those while this round ran (a pulled verdict, a check on request) is kept too
            context.store().update(snapshot -> snapshot.withRound(ended, deployments.size(), withCurrent(verdicts, keptAsTheyAre, snapshot)));
            StartupTimeline.mark("first round ended");
            context.sharing().share(reached);
        } finally {
            context.oneCheckAtATime().unlock();
        }
    }

    /**
     * How often rounds run: the proxy-wide interval, or a deployment's own shorter
     * {@code health_check_interval}. With no deployment of its own interval, every round probes all.
     */
    static Duration roundInterval(HealthSettings settings, List<Deployment> deployments) {
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
        HealthSettings settings = context.settings();
        Duration tick = roundInterval(settings, deployments);
        Instant now = context.clock().instant();
        Map<String, DeploymentHealth> current = context.store().current().deploymentsById();
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

    /** The scheduled probes that real traffic makes unnecessary, each with the verdict it stands for; counted as skipped. */
    private Map<String, DeploymentHealth> vouchedByTraffic(List<Deployment> deployments) {
        Map<String, DeploymentHealth> vouched = new LinkedHashMap<>();
        if (!scheduling.skipProbeWhenTrafficOk()) {
            return vouched;
        }
        Instant now = context.clock().instant();
        Map<String, DeploymentHealth> current = context.store().current().deploymentsById();
        for (Deployment deployment : deployments) {
            if (context.execution().probes(deployment, true)) {
                traffic.vouchedFor(Optional.ofNullable(current.get(deployment.id())), deployment, now, context.settings().interval())
                        .ifPresent(verdict -> {
                            vouched.put(deployment.id(), verdict);
                            skips.probeSkipped(deployment);
                        });
            }
        }
        return vouched;
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
}
