package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.port.in.CheckModelNowUseCase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * {@code /health?model=}: a model group probed now, single-flight (concurrent callers share one
 * check) and at most once per {@code forcedCheckSpacing} (callers in between get the latest
 * verdicts), so no caller can turn requests into paid probes.
 */
final class CheckOnRequest implements CheckModelNowUseCase {

    private final CheckContext context;
    private final ConcurrentMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant> lastCheck = new ConcurrentHashMap<>();

    CheckOnRequest(CheckContext context) {
        this.context = context;
    }

    @Override
    public boolean checkNow(String modelName) {
        List<Deployment> group = context.router().deployments().stream().filter(d -> d.modelName().equals(modelName)).toList();
        if (group.isEmpty()) {
            return false;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = inFlight.putIfAbsent(modelName, mine);
        if (running != null) {
            awaitShared(running);
            return true;
        }
        try {
            Instant now = context.clock().instant();
            Instant last = lastCheck.get(modelName);
            if (last == null || !now.isBefore(last.plus(context.timing().forcedCheckSpacing()))) {
                lastCheck.put(modelName, now);
                checkGroupNow(group);
            }
        } finally {
            inFlight.remove(modelName, mine);
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
            if (!context.oneCheckAtATime().tryLock(context.timing().probeTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            Set<String> ours = context.sharing().leased(group, context.timing().leaseTtl()).stream().map(Deployment::id)
                    .collect(Collectors.toSet());
            ProbeExecution execution = context.execution();
            Map<String, ProbeResult> results = execution.probeAll(group, false);
            if (execution.stopping()) {
                return;
            }
            Instant ended = context.clock().instant();
            Map<String, DeploymentHealth> before = context.store().current().deploymentsById();
            List<DeploymentHealth> verdicts = group.stream()
                    .map(d -> verdict(Optional.ofNullable(before.get(d.id())), d, results.get(d.id()), ended, ours.contains(d.id())))
                    .toList();
            context.store().update(snapshot -> snapshot.withVerdicts(ended, verdicts));
            context.sharing().share(verdicts.stream().filter(v -> ours.contains(v.deployment().id())).toList());
        } finally {
            context.oneCheckAtATime().unlock();
        }
    }

    private DeploymentHealth verdict(Optional<DeploymentHealth> previous, Deployment deployment, ProbeResult result, Instant at,
                                     boolean leased) {
        VerdictPublisher verdicts = context.verdicts();
        if (result == null) {
            return verdicts.assumed(previous, deployment, at);
        }
        return leased ? verdicts.recorded(previous, deployment, result, at) : verdicts.unrecorded(previous, deployment, result, at);
    }

    private void awaitShared(CompletableFuture<Void> running) {
        try {
            running.get(context.timing().forcedCheckWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException ignored) {
            // the caller answers with the latest verdict either way
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
