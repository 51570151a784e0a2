package dev.llmhealth.adapters.http;

import dev.llmhealth.domain.port.out.PanicModeListener;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Collection;

/** {@code litellm_health_panic_mode{model_group}}: 1 while a group routes to all its deployments for want of healthy ones. */
public final class PanicModeGauge implements PanicModeListener {

    private final Gauge panic;

    /** @param modelGroups the configured groups, shown at 0 from the start */
    public PanicModeGauge(PrometheusRegistry registry, Collection<String> modelGroups) {
        panic = Gauge.builder().name("litellm_health_panic_mode")
                .help("1 while a model group is in panic mode: fewer healthy deployments than panic_threshold_percent, "
                        + "so calls are spread over all of them")
                .labelNames("model_group").register(registry);
        modelGroups.forEach(group -> panic.labelValues(group).set(0));
    }

    @Override
    public void panicMode(String modelGroup, boolean inPanic) {
        panic.labelValues(modelGroup).set(inPanic ? 1 : 0);
    }
}
