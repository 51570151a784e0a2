package dev.llmhealth.adapters.http;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.LongSupplier;

/** The health history's queue, read at scrape time: what waits for the database, what was written, what was dropped. */
public final class HistoryMetrics {

    private HistoryMetrics() {
    }

    public static void register(PrometheusRegistry registry, LongSupplier pending, LongSupplier written, LongSupplier dropped) {
        GaugeWithCallback.builder()
                .name("litellm_health_history_pending")
                .help("State transitions waiting to be written to the database (held in memory while it is down)")
                .callback(callback -> callback.call(pending.getAsLong()))
                .register(registry);
        CounterWithCallback.builder()
                .name("litellm_health_history_written_total")
                .help("State transitions written to the health history")
                .callback(callback -> callback.call(written.getAsLong()))
                .register(registry);
        CounterWithCallback.builder()
                .name("litellm_health_history_dropped_total")
                .help("State transitions dropped because the in-memory buffer (health_history_buffer) was full while the database was down")
                .callback(callback -> callback.call(dropped.getAsLong()))
                .register(registry);
    }
}
