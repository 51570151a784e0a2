package dev.llmhealth.adapters.http;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StandardCollectorsTest {

    private static Set<String> names(PrometheusRegistry registry) {
        return registry.scrape().stream().map(s -> s.getMetadata().getPrometheusName()).collect(Collectors.toSet());
    }

    @Test
    void theJvmMetricsAreScrapedAsTheJvmMetricsThemselvesExportThem() {
        PrometheusRegistry ours = new PrometheusRegistry();
        StandardCollectors.register(ours, new CollectorRegistry());
        PrometheusRegistry direct = new PrometheusRegistry();
        JvmMetrics.builder().register(direct);

        Set<String> exported = names(direct);
        Set<String> scraped = names(ours);
        assertTrue(scraped.containsAll(exported), "missing on our scrape: " + exported.stream().filter(n -> !scraped.contains(n)).toList());
        for (String name : StandardCollectors.JVM_METRIC_NAMES) {
            assertTrue(exported.contains(name), name + " is not a name the JVM metrics export: " + exported);
        }
        // a second scrape answers from the same collectors
        assertTrue(names(ours).containsAll(exported));
    }

    @Test
    void registeringTheJvmMetricsTwiceOnOneRegistryStillFails() {
        PrometheusRegistry ours = new PrometheusRegistry();
        StandardCollectors.register(ours, new CollectorRegistry());
        assertThrows(IllegalStateException.class, () -> JvmMetrics.builder().register(ours));

        PrometheusRegistry hosts = new PrometheusRegistry();
        JvmMetrics.builder().register(hosts);
        assertThrows(IllegalStateException.class, () -> StandardCollectors.register(hosts, new CollectorRegistry()));
    }

    @Test
    void nothingOfTheJvmMetricsIsSetUpBeforeTheFirstScrape() {
        PrometheusRegistry ours = new PrometheusRegistry();
        StandardCollectors.register(ours, new CollectorRegistry());
        // only what the registry knows by name; the first scrape then brings the series
        MetricSnapshot info = ours.scrape(name -> name.equals("jvm_runtime")).get(0);
        assertTrue(info.getDataPoints().size() == 1, "jvm_runtime_info has one series");
    }
}
