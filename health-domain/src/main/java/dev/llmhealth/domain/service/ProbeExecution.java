package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthTiming;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.port.out.ModelProbe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How every check workflow probes: deployments concurrently on virtual threads, within the global
 * and per-host caps (with each host's fair share), all by one absolute deadline (the longest probe
 * timeout plus the grace), so one hung upstream never holds the others. A probe not finished by the
 * deadline is a timeout; a probe port that throws is reported by its exception's class only.
 */
final class ProbeExecution implements AutoCloseable {

    private final ModelProbe probe;
    private final HealthSettings settings;
    private final ProbeLimits limits;
    private final ExecutorService probeThreads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("health-probe-", 0).factory());
    private volatile boolean closed;

    ProbeExecution(ModelProbe probe, HealthSettings settings) {
        this.probe = probe;
        this.settings = settings;
        this.limits = new ProbeLimits(settings.globalConcurrency(), settings.perHostConcurrency());
    }

    /** {@code background_health_checks: false} stops scheduled probes only; a check on request still probes. */
    boolean probes(Deployment deployment, boolean scheduled) {
        return deployment.probeMode() != ProbeMode.NONE && (settings.backgroundChecks() || !scheduled);
    }

    /**
     * The scheduler stopping (a shutdown or a reload) interrupts a workflow: its probes' answers are
     * then cut-off calls, not evidence, so it records, publishes and stores nothing.
     */
    boolean stopping() {
        return closed || Thread.currentThread().isInterrupted();
    }

    /** Each probed deployment's result, by id; those {@link #probes} leaves out are absent. */
    Map<String, ProbeResult> probeAll(List<Deployment> deployments, boolean scheduled) {
        long deadline = System.nanoTime() + roundDeadline(deployments).toNanos();
        ProbeLimits.Round round = limits.round(deployments.stream().filter(d -> probes(d, scheduled)).map(Deployment::upstreamHost).toList(),
                deadline);
        Map<String, Future<ProbeResult>> inFlight = new LinkedHashMap<>();
        for (Deployment deployment : deployments) {
            if (probes(deployment, scheduled)) {
                try {
                    inFlight.put(deployment.id(), probeThreads.submit(() -> probeWithinLimits(round, deployment, deadline)));
                } catch (RejectedExecutionException afterClose) {
                    // closed (a shutdown, or a reload replaced it): nothing more is probed
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
        return HealthTiming.deadlineAfter(longest);
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
