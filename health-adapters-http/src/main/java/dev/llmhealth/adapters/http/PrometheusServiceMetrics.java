package dev.llmhealth.adapters.http;

import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.port.out.ServiceCheckMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * LiteLLM's {@code prometheus_system} service metrics (its {@code PrometheusServicesLogger}), fed by
 * the background service checks, so the Redis and PostgreSQL panels of LiteLLM's dashboards show data.
 * For each service, as LiteLLM names and labels them (the one label is named after the service and
 * holds its name):
 * <ul>
 *   <li>{@code litellm_<service>_latency}: histogram of successful checks, in seconds, LiteLLM's buckets;</li>
 *   <li>{@code litellm_<service>_total_requests}: every check ({@code _total} on the wire, as
 *       Python's client writes it);</li>
 *   <li>{@code litellm_<service>_failed_requests}: failed checks, also labelled {@code error_class}
 *       and {@code function_name}.</li>
 * </ul>
 * As in LiteLLM, a failure raises both counters and observes no latency.
 */
public final class PrometheusServiceMetrics implements ServiceCheckMetrics {

    /** LiteLLM's {@code LATENCY_BUCKETS} (litellm/types/integrations/prometheus.py), seconds; +Inf is implied. */
    static final double[] SERVICE_LATENCY_BUCKETS = {0.005, 0.00625, 0.0125, 0.025, 0.05, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5,
            3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0, 15.0, 20.0, 25.0, 30.0, 60.0,
            120.0, 180.0, 240.0, 300.0};

    /** One service's three metrics, and the names LiteLLM gives it. */
    private record ServiceSeries(String service, String functionName, Histogram latency, Counter total, Counter failed) {
    }

    private final Map<ServiceName, ServiceSeries> series = new EnumMap<>(ServiceName.class);

    public PrometheusServiceMetrics(PrometheusRegistry registry) {
        // LiteLLM's ServiceTypes: DB = "postgres", REDIS = "redis"; function_name is the call_type LiteLLM
        // logs for the same check (PrismaClient.health_check, RedisCache.ping's "async_ping")
        series.put(ServiceName.DATABASE, register(registry, "postgres", "health_check"));
        series.put(ServiceName.REDIS, register(registry, "redis", "async_ping"));
    }

    /** The help texts are LiteLLM's word for word (its create_histogram / create_counter), odd as they read. */
    private static ServiceSeries register(PrometheusRegistry registry, String service, String functionName) {
        Histogram latency = Histogram.builder().name("litellm_" + service + "_latency")
                .help("Latency for " + service + " service")
                .classicOnly().classicUpperBounds(SERVICE_LATENCY_BUCKETS)
                .labelNames(service).register(registry);
        Counter total = Counter.builder().name("litellm_" + service + "_total_requests")
                .help("Total total_requests for " + service + " service")
                .labelNames(service).register(registry);
        Counter failed = Counter.builder().name("litellm_" + service + "_failed_requests")
                .help("Total failed_requests for " + service + " service")
                .labelNames(service, "error_class", "function_name").register(registry);
        return new ServiceSeries(service, functionName, latency, total, failed);
    }

    @Override
    public void serviceChecked(ServiceName service, ServiceHealth outcome) {
        ServiceSeries s = series.get(service);
        switch (outcome) {
            case ServiceHealth.Connected connected -> {
                s.latency().labelValues(s.service()).observe(connected.latencyMs() / 1000.0);
                s.total().labelValues(s.service()).inc();
            }
            case ServiceHealth.Disconnected disconnected -> {
                s.failed().labelValues(s.service(), ServiceErrorClass.of(disconnected.error()), s.functionName()).inc();
                s.total().labelValues(s.service()).inc();
            }
            // the service check only reports configured services; nothing was called, nothing to count
            case ServiceHealth.NotConfigured notConfigured -> {
            }
        }
    }
}
