package dev.llmhealth.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.model.ServiceName;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exposition LiteLLM's dashboards read: names, the service-named label, buckets and what a failure counts. */
class PrometheusServiceMetricsTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusServiceMetrics metrics = new PrometheusServiceMetrics(registry);

    @Test
    void aSuccessfulCheckIsObservedInSecondsAndCountedUnderLiteLlmsNames() throws IOException {
        metrics.serviceChecked(ServiceName.DATABASE, ServiceHealth.connected(8.0));
        metrics.serviceChecked(ServiceName.REDIS, ServiceHealth.connected(0.5));

        String text = scrape();

        assertTrue(text.contains("litellm_postgres_latency_bucket{postgres=\"postgres\",le=\"0.005\"} 0\n"), text);
        assertTrue(text.contains("litellm_postgres_latency_bucket{postgres=\"postgres\",le=\"0.0125\"} 1\n"), text);
        assertTrue(text.contains("litellm_postgres_latency_sum{postgres=\"postgres\"} 0.008\n"), text);
        assertTrue(text.contains("litellm_postgres_total_requests_total{postgres=\"postgres\"} 1.0\n"), text);
        assertTrue(text.contains("litellm_redis_latency_bucket{redis=\"redis\",le=\"0.005\"} 1\n"), text);
        assertTrue(text.contains("litellm_redis_latency_bucket{redis=\"redis\",le=\"300.0\"} 1\n"), text);
        assertTrue(text.contains("litellm_redis_latency_bucket{redis=\"redis\",le=\"+Inf\"} 1\n"), text);
        assertTrue(text.contains("litellm_redis_total_requests_total{redis=\"redis\"} 1.0\n"), text);
        assertFalse(text.contains("failed_requests_total{"), "no failure yet: " + text);
    }

    @Test
    void aFailedCheckRaisesBothCountersWithItsErrorClassAndObservesNoLatency() throws IOException {
        metrics.serviceChecked(ServiceName.REDIS, ServiceHealth.disconnected("connection refused"));
        metrics.serviceChecked(ServiceName.REDIS, ServiceHealth.disconnected("check timed out"));
        metrics.serviceChecked(ServiceName.DATABASE, ServiceHealth.disconnected("query failed (SQLState 42P01)"));

        String text = scrape();

        assertTrue(text.contains("litellm_redis_failed_requests_total{error_class=\"ConnectionRefusedError\","
                + "function_name=\"async_ping\",redis=\"redis\"} 1.0\n"), text);
        assertTrue(text.contains("litellm_redis_failed_requests_total{error_class=\"TimeoutError\","
                + "function_name=\"async_ping\",redis=\"redis\"} 1.0\n"), text);
        assertTrue(text.contains("litellm_redis_total_requests_total{redis=\"redis\"} 2.0\n"), text);
        assertTrue(text.contains("litellm_postgres_failed_requests_total{error_class=\"ServerError\","
                + "function_name=\"health_check\",postgres=\"postgres\"} 1.0\n"), text);
        assertFalse(text.contains("litellm_redis_latency_count"), "failures observe no latency: " + text);
    }

    @Test
    void everyBucketIsLiteLlmsLatencyBuckets() throws IOException {
        metrics.serviceChecked(ServiceName.REDIS, ServiceHealth.connected(1.0));

        long buckets = scrape().lines().filter(line -> line.startsWith("litellm_redis_latency_bucket{")).count();

        assertEquals(PrometheusServiceMetrics.SERVICE_LATENCY_BUCKETS.length + 1, buckets, "LiteLLM's 35 bounds and +Inf");
        assertEquals(35, PrometheusServiceMetrics.SERVICE_LATENCY_BUCKETS.length);
    }

    @Test
    void reasonsAreSortedIntoAFixedSetSoNoFailureTextBecomesALabel() {
        assertEquals("TimeoutError", ServiceErrorClass.of("timed out"));
        assertEquals("ConnectionError", ServiceErrorClass.of("connection lost"));
        assertEquals("AuthenticationError", ServiceErrorClass.of("authentication failed"));
        assertEquals("SSLError", ServiceErrorClass.of("TLS failed"));
        assertEquals("ServerError", ServiceErrorClass.of("Redis error NOSCRIPT"));
        assertEquals("CheckError", ServiceErrorClass.of("check failed: IllegalArgumentException"));
        assertEquals("CheckError", ServiceErrorClass.of("password=hunter2 rejected by host db.internal"));
    }

    private String scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
