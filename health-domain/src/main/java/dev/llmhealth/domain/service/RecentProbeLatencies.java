package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.LatencySample;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.port.in.GetRecentLatenciesQuery;
import dev.llmhealth.domain.port.out.ModelProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The latest probe latencies of each deployment, for the status page's sparkline: a small ring per
 * deployment, fed by wrapping the probe port, so neither the probes nor the rounds know of it.
 */
public final class RecentProbeLatencies implements GetRecentLatenciesQuery {

    public static final int DEFAULT_CAPACITY = 30;

    private final int capacity;
    private final Clock clock;
    private final Map<String, ArrayDeque<LatencySample>> byDeployment = new ConcurrentHashMap<>();

    public RecentProbeLatencies(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    /** {@code probe}, with each result's latency kept (a passed probe's own figure; a failed one's time to fail). */
    public ModelProbe measuring(ModelProbe probe) {
        return (deployment, timeout) -> {
            Instant start = clock.instant();
            ProbeResult result = probe.probe(deployment, timeout);
            Instant end = clock.instant();
            LatencySample sample = switch (result) {
                case ProbeResult.Healthy healthy -> new LatencySample(end, healthy.latency(), true);
                case ProbeResult.Unhealthy unhealthy -> new LatencySample(end, Duration.between(start, end), false);
            };
            record(deployment.id(), sample);
            return result;
        };
    }

    void record(String deploymentId, LatencySample sample) {
        ArrayDeque<LatencySample> ring = byDeployment.computeIfAbsent(deploymentId, id -> new ArrayDeque<>(capacity));
        synchronized (ring) {
            if (ring.size() == capacity) {
                ring.removeFirst();
            }
            ring.addLast(sample);
        }
    }

    @Override
    public Map<String, List<LatencySample>> recentLatencies() {
        return byDeployment.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> {
            synchronized (e.getValue()) {
                return List.copyOf(e.getValue());
            }
        }));
    }
}
