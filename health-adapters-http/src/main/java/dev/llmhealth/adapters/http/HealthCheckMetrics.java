package dev.llmhealth.adapters.http;

import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.port.in.RunCheckRoundUseCase;
import dev.llmhealth.domain.port.out.ModelProbe;
import dev.llmhealth.domain.port.out.ProbeSkips;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;

/**
 * The health checks' own work: how long each probe and each round took, and how rounds end. It
 * measures by wrapping the probe port and the round use case, so the domain stays unaware of it.
 */
public final class HealthCheckMetrics {

    private static final double[] CHECK_BUCKETS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final DeploymentLabelCatalog catalog;
    private final Histogram checkDuration;
    private final Histogram roundDuration;
    private final Counter rounds;
    private final Gauge lastRoundCompleted;
    private final Counter skipped;

    public HealthCheckMetrics(PrometheusRegistry registry, DeploymentLabelCatalog catalog) {
        this.catalog = catalog;
        checkDuration = Histogram.builder().name("litellm_health_check_duration_seconds")
                .help("How long one health probe of one deployment took; result is healthy or the error kind")
                .classicOnly().classicUpperBounds(CHECK_BUCKETS)
                .labelNames("litellm_model_name", "model_id", "result").register(registry);
        roundDuration = Histogram.builder().name("litellm_health_check_round_duration_seconds")
                .help("How long one scheduled check round of every deployment took")
                .classicOnly().classicUpperBounds(CHECK_BUCKETS).register(registry);
        rounds = Counter.builder().name("litellm_health_check_rounds")
                .help("Scheduled check rounds, by how they ended: completed, or failed with an unexpected error")
                .labelNames("result").register(registry);
        rounds.initLabelValues("completed");
        rounds.initLabelValues("failed");
        lastRoundCompleted = Gauge.builder().name("litellm_health_check_last_round_timestamp_seconds")
                .help("When the latest scheduled check round completed, as a Unix time").register(registry);
        skipped = Counter.builder().name("litellm_health_check_skipped")
                .help("Scheduled probes left out because real traffic had shown the deployment healthy within the interval")
                .labelNames("litellm_model_name", "model_id").register(registry);
    }

    /** Counts the probes a round skipped ({@code skip_probe_when_traffic_ok}). */
    public ProbeSkips skips() {
        return deployment -> {
            DeploymentLabels labels = catalog.labelsOf(deployment);
            skipped.labelValues(labels.litellmModelName(), labels.modelId()).inc();
        };
    }

    public ModelProbe measured(ModelProbe probe) {
        return (deployment, timeout) -> {
            long start = System.nanoTime();
            ProbeResult result = probe.probe(deployment, timeout);
            String outcome = switch (result) {
                case ProbeResult.Healthy healthy -> "healthy";
                case ProbeResult.Unhealthy unhealthy -> unhealthy.kind().name().toLowerCase(Locale.ROOT);
            };
            DeploymentLabels labels = catalog.labelsOf(deployment);
            checkDuration.labelValues(labels.litellmModelName(), labels.modelId(), outcome).observe((System.nanoTime() - start) / 1e9);
            return result;
        };
    }

    public RunCheckRoundUseCase measured(RunCheckRoundUseCase round) {
        return () -> {
            long start = System.nanoTime();
            try {
                round.runRound();
            } catch (RuntimeException failed) {
                rounds.labelValues("failed").inc();
                throw failed;
            }
            roundDuration.observe((System.nanoTime() - start) / 1e9);
            rounds.labelValues("completed").inc();
            lastRoundCompleted.set(System.currentTimeMillis() / 1000.0);
        };
    }
}
