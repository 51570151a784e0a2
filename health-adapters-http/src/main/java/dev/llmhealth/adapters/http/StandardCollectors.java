package dev.llmhealth.adapters.http;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.simpleclient.bridge.SimpleclientCollector;

/** The collectors every scrape includes: JVM and process metrics, and a host's legacy simpleclient collectors. */
public final class StandardCollectors {

    private StandardCollectors() {
    }

    public static void register(PrometheusRegistry registry) {
        register(registry, CollectorRegistry.defaultRegistry);
    }

    /** @param legacy where a host proxy registered its {@code simpleclient} (0.x) collectors */
    public static void register(PrometheusRegistry registry, CollectorRegistry legacy) {
        JvmMetrics.builder().register(registry);
        SimpleclientCollector.builder().collectorRegistry(legacy).register(registry);
    }
}
