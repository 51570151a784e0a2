package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.ProbeResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Probes the deployments that are unhealthy now, and only those: run every
 * {@code unhealthy_interval} between rounds so a recovery shows soon. Skipped while a round runs.
 */
final class UnhealthyRecheck {

    private final CheckContext context;

    UnhealthyRecheck(CheckContext context) {
        this.context = context;
    }

    void recheck() {
        if (!context.oneCheckAtATime().tryLock()) {
            return;
        }
        try {
            List<Deployment> deployments = context.router().deployments();
            context.sharing().pullInto(deployments);
            Map<String, DeploymentHealth> atStart = context.store().current().deploymentsById();
            List<Deployment> unhealthy = deployments.stream()
                    .filter(d -> atStart.containsKey(d.id()) && !atStart.get(d.id()).isHealthy()).toList();
            if (unhealthy.isEmpty()) {
                return;
            }
            ProbeExecution execution = context.execution();
            Map<String, ProbeResult> results = execution.probeAll(context.sharing().leased(unhealthy, context.timing().leaseTtl()), true);
            if (execution.stopping()) {
                return;
            }
            Instant ended = context.clock().instant();
            Map<String, DeploymentHealth> before = context.store().current().deploymentsById();
            List<DeploymentHealth> verdicts = unhealthy.stream().filter(d -> results.containsKey(d.id()))
                    .map(d -> context.verdicts().recorded(Optional.ofNullable(before.get(d.id())), d, results.get(d.id()), ended))
                    .toList();
            context.store().update(snapshot -> snapshot.withVerdicts(ended, verdicts));
            context.sharing().share(verdicts);
        } finally {
            context.oneCheckAtATime().unlock();
        }
    }
}
