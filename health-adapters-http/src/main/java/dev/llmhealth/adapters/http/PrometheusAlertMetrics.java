package dev.llmhealth.adapters.http;

import dev.llmhealth.domain.port.out.AlertMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;

/**
 * {@code litellm_health_alerts_total{channel,outcome}} (alerts delivered, or failed after every try)
 * and {@code litellm_health_alerts_dropped_total{channel}} (a full queue had no room). Labels are the
 * channel's name only: never a URL, which would be a secret.
 */
public final class PrometheusAlertMetrics implements AlertMetrics {

    private final Counter alerts;
    private final Counter dropped;

    public PrometheusAlertMetrics(PrometheusRegistry registry, List<String> channels) {
        alerts = Counter.builder().name("litellm_health_alerts")
                .help("Health alerts per channel by outcome: delivered, or failed after every retry (or rejected)")
                .labelNames("channel", "outcome")
                .register(registry);
        dropped = Counter.builder().name("litellm_health_alerts_dropped")
                .help("Health alerts dropped because the channel's queue was full (the channel is down or slow)")
                .labelNames("channel")
                .register(registry);
        for (String channel : channels) {
            alerts.initLabelValues(channel, "delivered");
            alerts.initLabelValues(channel, "failed");
            dropped.initLabelValues(channel);
        }
    }

    @Override
    public void delivered(String channel, String outcome, int count) {
        alerts.labelValues(channel, outcome).inc(count);
    }

    @Override
    public void dropped(String channel, int count) {
        dropped.labelValues(channel).inc(count);
    }
}
