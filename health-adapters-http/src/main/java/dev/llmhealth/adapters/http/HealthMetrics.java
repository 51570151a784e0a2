package dev.llmhealth.adapters.http;

import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.ProxyHealth;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.model.ServicesReport;
import dev.llmhealth.domain.port.in.GetProxyHealthQuery;
import dev.llmhealth.domain.port.in.GetServiceHealthQuery;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Consumer;

/**
 * Health gauges read from the latest snapshot at scrape time (no bookkeeping on the hot path).
 * Names and labels follow LiteLLM's where LiteLLM has the metric, so its dashboards work.
 * Label values come from the config (model names, ids, api_base without credentials), never from requests.
 */
public final class HealthMetrics {

    private HealthMetrics() {
    }

    /** Labels each deployment from what the domain knows of it (its group name stands in for the upstream model). */
    public static void register(PrometheusRegistry registry, GetProxyHealthQuery health, GetServiceHealthQuery services) {
        register(registry, health, services, DeploymentLabelCatalog.empty());
    }

    public static void register(PrometheusRegistry registry, GetProxyHealthQuery health, GetServiceHealthQuery services,
                                DeploymentLabelCatalog catalog) {
        GaugeWithCallback.builder()
                .name("litellm_deployment_state")
                .help("LiteLLM deployment state: 0 healthy, 1 partial outage, 2 complete outage")
                .labelNames("litellm_model_name", "model_id", "api_base", "api_provider")
                .callback(callback -> {
                    ProxyHealth current = health.proxyHealth();
                    for (DeploymentHealth d : current.healthy()) {
                        // healthy but the latest check failed (damping holds) or warned: a partial outage
                        callback.call(d.warning().isPresent() || d.consecutiveFailures() > 0 ? 1 : 0, stateLabels(catalog, d));
                    }
                    for (DeploymentHealth d : current.unhealthy()) {
                        callback.call(2, stateLabels(catalog, d));
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("litellm_health_consecutive_failures")
                .help("Failed checks in a row of each deployment (probe or real traffic)")
                .labelNames("litellm_model_name", "model_id")
                .callback(callback -> eachDeployment(health, d -> callback.call(d.consecutiveFailures(), idLabels(catalog, d))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("litellm_health_last_success_timestamp_seconds")
                .help("When each deployment last passed a check or served a call that decided its state, as a Unix time")
                .labelNames("litellm_model_name", "model_id")
                .callback(callback -> eachDeployment(health, d -> d.lastSuccess()
                        .ifPresent(at -> callback.call(at.toEpochMilli() / 1000.0, idLabels(catalog, d)))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("litellm_health_status")
                .help("Proxy health as /health reports it: 1 healthy, 0 unhealthy")
                .callback(callback -> callback.call(health.proxyHealth().isHealthy() ? 1 : 0))
                .register(registry);
        GaugeWithCallback.builder()
                .name("litellm_health_service_up")
                .help("Connected service state: 1 connected, 0 disconnected (not configured services are absent)")
                .labelNames("service")
                .callback(callback -> {
                    ServicesReport report = services.services();
                    for (ServiceName name : ServiceName.values()) {
                        ServiceHealth service = report.service(name);
                        if (service.isConfigured()) {
                            callback.call(service instanceof ServiceHealth.Connected ? 1 : 0, name.key());
                        }
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("litellm_health_service_latency_seconds")
                .help("Latency of the latest check of a connected service")
                .labelNames("service")
                .callback(callback -> {
                    ServicesReport report = services.services();
                    for (ServiceName name : ServiceName.values()) {
                        if (report.service(name) instanceof ServiceHealth.Connected connected) {
                            callback.call(connected.latencyMs() / 1000.0, name.key());
                        }
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("litellm_health_last_check_timestamp_seconds")
                .help("When each deployment was last checked, as a Unix time")
                .labelNames("litellm_model_name", "model_id")
                .callback(callback -> eachDeployment(health,
                        d -> callback.call(d.lastCheck().toEpochMilli() / 1000.0, idLabels(catalog, d))))
                .register(registry);
    }

    private static void eachDeployment(GetProxyHealthQuery health, Consumer<DeploymentHealth> action) {
        ProxyHealth current = health.proxyHealth();
        current.healthy().forEach(action);
        current.unhealthy().forEach(action);
    }

    private static String[] stateLabels(DeploymentLabelCatalog catalog, DeploymentHealth d) {
        DeploymentLabels labels = catalog.labelsOf(d.deployment());
        return new String[] {labels.litellmModelName(), labels.modelId(), labels.apiBase(), labels.apiProvider()};
    }

    private static String[] idLabels(DeploymentLabelCatalog catalog, DeploymentHealth d) {
        DeploymentLabels labels = catalog.labelsOf(d.deployment());
        return new String[] {labels.litellmModelName(), labels.modelId()};
    }
}
