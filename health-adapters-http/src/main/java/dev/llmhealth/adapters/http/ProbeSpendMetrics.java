package dev.llmhealth.adapters.http;

import dev.llmhealth.domain.port.out.ProbeSpend;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** What completion probes cost, in tokens and money, per deployment: probe spend an operator can watch and alert on. */
public final class ProbeSpendMetrics implements ProbeSpend {

    private final DeploymentLabelCatalog catalog;
    private final Counter tokens;
    private final Counter spend;

    public ProbeSpendMetrics(PrometheusRegistry registry, DeploymentLabelCatalog catalog) {
        this.catalog = catalog;
        tokens = Counter.builder().name("litellm_health_probe_tokens")
                .help("Tokens spent by completion health probes; direction is input or output")
                .labelNames("litellm_model_name", "model_id", "direction").register(registry);
        spend = Counter.builder().name("litellm_health_probe_spend")
                .help("USD spent by completion health probes, from the deployment's configured per-token prices")
                .labelNames("litellm_model_name", "model_id").register(registry);
    }

    @Override
    public void probeSpent(dev.llmhealth.domain.model.Deployment deployment, long inputTokens, long outputTokens, double cost) {
        DeploymentLabels labels = catalog.labelsOf(deployment);
        tokens.labelValues(labels.litellmModelName(), labels.modelId(), "input").inc(Math.max(0, inputTokens));
        tokens.labelValues(labels.litellmModelName(), labels.modelId(), "output").inc(Math.max(0, outputTokens));
        spend.labelValues(labels.litellmModelName(), labels.modelId()).inc(Math.max(0, cost));
    }
}
