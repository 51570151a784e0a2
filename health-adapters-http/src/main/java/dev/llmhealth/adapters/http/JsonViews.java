package dev.llmhealth.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.policy.AggregationPolicy;
import dev.llmhealth.domain.model.ModelHealthReport;
import dev.llmhealth.domain.model.ProxyHealth;
import dev.llmhealth.domain.model.Readiness;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.model.ServicesReport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of the spec, field for field; extra fields are additive only. */
final class JsonViews {

    private JsonViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ProxyHealthView(
            String status,
            String db,
            String redis,
            @JsonProperty("litellm_version") String litellmVersion,
            @JsonProperty("healthy_endpoints") List<EndpointView> healthyEndpoints,
            @JsonProperty("unhealthy_endpoints") List<EndpointView> unhealthyEndpoints,
            @JsonProperty("unhealthy_reasons") List<String> unhealthyReasons,
            @JsonProperty("checked_at") String checkedAt) {

        static ProxyHealthView of(ProxyHealth health, String litellmVersion, boolean details) {
            return new ProxyHealthView(health.status().word(), health.database().word(), health.redis().word(),
                    litellmVersion, endpoints(health.healthy(), details), endpoints(health.unhealthy(), details),
                    health.reasons().isEmpty() ? null : health.reasons(), iso(health.checkedAt()));
        }
    }

    /** {@code /health?model=NAME}: one model group, freshly checked, with LiteLLM's counts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModelGroupHealthView(
            String status,
            String model,
            String db,
            String redis,
            @JsonProperty("litellm_version") String litellmVersion,
            @JsonProperty("healthy_endpoints") List<EndpointView> healthyEndpoints,
            @JsonProperty("unhealthy_endpoints") List<EndpointView> unhealthyEndpoints,
            @JsonProperty("healthy_count") int healthyCount,
            @JsonProperty("unhealthy_count") int unhealthyCount) {

        static ModelGroupHealthView of(String model, ProxyHealth proxy, ModelHealthReport group, String litellmVersion, boolean details) {
            return new ModelGroupHealthView(AggregationPolicy.groupStatus(group).word(), model,
                    proxy.database().word(), proxy.redis().word(), litellmVersion,
                    endpoints(group.healthy(), details), endpoints(group.unhealthy(), details), group.healthy().size(),
                    group.unhealthy().size());
        }
    }

    /** {@code /health} without credentials when a master key is set: the verdict and nothing else. */
    record StatusOnlyView(String status) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EndpointView(
            String model,
            @JsonProperty("model_id") String modelId,
            String mode,
            @JsonProperty("api_base") String apiBase,
            String status,
            String error,
            String warning,
            String source,
            @JsonProperty("last_check") String lastCheck) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModelEntryView(
            String model,
            @JsonProperty("model_id") String modelId,
            String mode,
            @JsonProperty("api_base") String apiBase,
            String status,
            @JsonProperty("last_check") String lastCheck,
            String error,
            String warning,
            String source,
            String since,
            @JsonProperty("consecutive_failures") int consecutiveFailures,
            @JsonProperty("last_success") String lastSuccess) {

        static ModelEntryView of(DeploymentHealth d, boolean details) {
            return new ModelEntryView(d.deployment().modelName(), d.deployment().id(), d.deployment().mode(), details ? d.deployment().apiBase() : null,
                    d.state().word(), iso(d.lastCheck()), details ? d.error().orElse(null) : null, details ? d.warning().orElse(null) : null,
                    d.source().word(), iso(d.since()), d.consecutiveFailures(), d.lastSuccess().map(JsonViews::iso).orElse(null));
        }
    }

    record ModelsView(List<ModelEntryView> healthy, List<ModelEntryView> unhealthy) {
        static ModelsView of(ModelHealthReport report, boolean details) {
            return new ModelsView(report.healthy().stream().map(d -> ModelEntryView.of(d, details)).toList(),
                    report.unhealthy().stream().map(d -> ModelEntryView.of(d, details)).toList());
        }
    }

    /** {@code draining} (additive) is present, {@code true}, only while the replica shuts down. */
    record ReadinessView(
            String status,
            @JsonProperty("db_initialized") boolean dbInitialized,
            @JsonProperty("router_initialized") boolean routerInitialized,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean draining) {

        static ReadinessView of(Readiness readiness) {
            return new ReadinessView(readiness.word(), readiness.databaseInitialized(), readiness.routerInitialized(),
                    readiness.draining() ? Boolean.TRUE : null);
        }
    }

    /** {@code latency_ms} is always present: a number when connected, {@code null} otherwise. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ServiceView(String status, @JsonProperty("latency_ms") Double latencyMs,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String error) {

        static ServiceView of(ServiceHealth health) {
            return switch (health) {
                case ServiceHealth.Connected connected -> new ServiceView(health.word(), roundedMillis(connected.latencyMs()), null);
                case ServiceHealth.Disconnected disconnected -> new ServiceView(health.word(), null, disconnected.error());
                case ServiceHealth.NotConfigured notConfigured -> new ServiceView(health.word(), null, null);
            };
        }
    }

    /** Additive beyond the spec's {@code status} and {@code models}: how probing is shared, and which replica answers. */
    record RouterView(String status, int models, @JsonProperty("probe_coordination") String probeCoordination, String replica) {
    }

    /** Keys in the spec's order: database, redis, router; {@code only} narrows it to one service. */
    static Map<String, Object> services(ServicesReport report, Optional<ServiceName> only) {
        Map<String, Object> view = new LinkedHashMap<>();
        for (ServiceName name : ServiceName.values()) {
            if (only.isEmpty() || only.get() == name) {
                view.put(name.key(), ServiceView.of(report.service(name)));
            }
        }
        if (only.isEmpty()) {
            view.put("router", new RouterView(report.routerWord(), report.routerModels(), report.coordination().word(),
                    report.replica()));
        }
        return view;
    }

    record ErrorView(ErrorBody error) {
        static ErrorView of(int code, String type, String message) {
            return new ErrorView(new ErrorBody(message, type, null, String.valueOf(code)));
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ErrorBody(String message, String type, String param, String code) {
    }

    /** @param details false: no api_base, error or warning (LiteLLM's {@code health_check_details: false}) */
    private static List<EndpointView> endpoints(List<DeploymentHealth> deployments, boolean details) {
        return deployments.stream().map(d -> new EndpointView(d.deployment().modelName(), d.deployment().id(), d.deployment().mode(),
                details ? d.deployment().apiBase() : null, d.state().word(), details ? d.error().orElse(null) : null,
                details ? d.warning().orElse(null) : null,
                d.source().word(), iso(d.lastCheck()))).toList();
    }

    /** ISO-8601 UTC with {@code Z}, to the second, as the spec shows it. */
    static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Double roundedMillis(double latencyMs) {
        return Math.round(latencyMs * 100.0) / 100.0;
    }
}
