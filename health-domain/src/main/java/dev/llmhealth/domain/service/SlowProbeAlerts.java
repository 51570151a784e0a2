package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Alert;
import dev.llmhealth.domain.model.AlertType;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.port.out.ModelProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code llm_too_slow}: a probe that answered but took longer than {@code alerting_threshold} raises
 * an alert, the next one within it closes it. Wraps the model probe, where the latency is measured;
 * a probe runs under its deployment's lease, so this too is once per fleet. A failed probe is the
 * unhealthy alert's business, not this one's.
 */
public final class SlowProbeAlerts implements ModelProbe {

    private final ModelProbe probe;
    private final AlertDispatcher dispatcher;
    private final Clock clock;
    private final String replica;
    private final Map<String, Instant> slowSince = new ConcurrentHashMap<>();

    public SlowProbeAlerts(ModelProbe probe, AlertDispatcher dispatcher, Clock clock, String replica) {
        this.probe = probe;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.replica = replica;
    }

    @Override
    public ProbeResult probe(Deployment deployment, Duration timeout) {
        ProbeResult result = probe.probe(deployment, timeout);
        if (result instanceof ProbeResult.Healthy healthy) {
            observe(deployment, healthy.latency());
        }
        return result;
    }

    private void observe(Deployment deployment, Duration latency) {
        Instant now = clock.instant();
        Duration threshold = dispatcher.settings().slowThreshold();
        if (latency.compareTo(threshold) > 0) {
            if (slowSince.putIfAbsent(deployment.id(), now) == null) {
                dispatcher.raise(alert(deployment, Alert.Phase.FIRING, Optional.of("probe took " + latency.toMillis() + " ms, over the "
                        + threshold.toMillis() / 1000.0 + " s alerting_threshold"), now, Optional.empty(), now));
            }
        } else {
            Instant since = slowSince.remove(deployment.id());
            if (since != null) {
                dispatcher.raise(alert(deployment, Alert.Phase.RESOLVED, Optional.empty(), since,
                        Optional.of(Duration.between(since, now)), now));
            }
        }
    }

    private Alert alert(Deployment deployment, Alert.Phase phase, Optional<String> error, Instant since, Optional<Duration> duration,
                        Instant at) {
        return new Alert(AlertType.LLM_TOO_SLOW, phase, "deployment", deployment.id(), Optional.of(deployment.modelName()),
                Optional.of(deployment.apiBase()), error, since, duration, at, replica);
    }
}
