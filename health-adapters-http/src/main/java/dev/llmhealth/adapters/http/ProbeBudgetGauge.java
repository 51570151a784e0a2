package dev.llmhealth.adapters.http;

import dev.llmhealth.domain.port.out.ProbeBudgetListener;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** {@code litellm_health_probe_budget_reached}: 1 while completion probes fall back to models mode for the rest of the UTC day. */
public final class ProbeBudgetGauge implements ProbeBudgetListener {

    private final Gauge reached;

    public ProbeBudgetGauge(PrometheusRegistry registry) {
        reached = Gauge.builder().name("litellm_health_probe_budget_reached")
                .help("1 while today's probe spend has reached health_check_daily_budget: completion probes fall back to "
                        + "models mode until the next UTC day")
                .register(registry);
        reached.set(0);
    }

    @Override
    public void budgetReached(boolean isReached) {
        reached.set(isReached ? 1 : 0);
    }
}
