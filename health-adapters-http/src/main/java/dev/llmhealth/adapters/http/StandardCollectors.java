package dev.llmhealth.adapters.http;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.simpleclient.bridge.SimpleclientCollector;
import java.util.List;
import java.util.function.Predicate;

/**
 * The collectors every scrape includes: JVM and process metrics, and a host's legacy simpleclient collectors.
 * The JVM metrics are set up on the first scrape, not at start: they load JMX, the platform MXBeans and
 * JFR's event classes (some 200 classes, a few hundred ms of a cold JVM), which no answer but
 * {@code /metrics} needs. Registering them twice on one registry still fails at once, as before.
 */
public final class StandardCollectors {

    /**
     * Names the JVM metrics always export (Prometheus names, as the registry compares them): enough for the
     * registry to refuse a second registration of the JVM metrics, whichever comes first.
     * {@code StandardCollectorsTest} checks each is among the names {@link JvmMetrics} really exports.
     */
    static final List<String> JVM_METRIC_NAMES = List.of("jvm_runtime", "jvm_memory_used_bytes", "jvm_memory_committed_bytes",
            "jvm_threads_current", "jvm_classes_currently_loaded", "process_cpu_seconds", "process_start_time_seconds");

    private StandardCollectors() {
    }

    public static void register(PrometheusRegistry registry) {
        register(registry, CollectorRegistry.defaultRegistry);
    }

    /** @param legacy where a host proxy registered its {@code simpleclient} (0.x) collectors */
    public static void register(PrometheusRegistry registry, CollectorRegistry legacy) {
        registry.register(new LazyJvmMetrics());
        SimpleclientCollector.builder().collectorRegistry(legacy).register(registry);
    }

    /** {@link JvmMetrics} in a registry of its own, made when first scraped. */
    private static final class LazyJvmMetrics implements MultiCollector {

        private volatile PrometheusRegistry jvm;

        private PrometheusRegistry jvm() {
            PrometheusRegistry made = jvm;
            if (made == null) {
                synchronized (this) {
                    made = jvm;
                    if (made == null) {
                        made = new PrometheusRegistry();
                        JvmMetrics.builder().register(made);
                        jvm = made;
                    }
                }
            }
            return made;
        }

        @Override
        public MetricSnapshots collect() {
            return jvm().scrape();
        }

        @Override
        public MetricSnapshots collect(PrometheusScrapeRequest request) {
            return jvm().scrape(request);
        }

        @Override
        public MetricSnapshots collect(Predicate<String> includedNames) {
            return jvm().scrape(includedNames);
        }

        @Override
        public MetricSnapshots collect(Predicate<String> includedNames, PrometheusScrapeRequest request) {
            return jvm().scrape(includedNames, request);
        }

        @Override
        public List<String> getPrometheusNames() {
            return JVM_METRIC_NAMES;
        }
    }
}
