package dev.llmhealth.adapters.http;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code GET /metrics}: Prometheus text format, or OpenMetrics when the {@code Accept} header asks for it. */
public final class MetricsEndpoint {

    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();

    public MetricsEndpoint(PrometheusRegistry registry) {
        this.registry = registry;
    }

    public HttpAnswer scrape(String acceptHeader) {
        ExpositionFormatWriter writer = formats.findWriter(acceptHeader);
        if (!writer.isAvailable()) {
            // protobuf was asked for but is not on the class path: text is always understood
            writer = formats.getPrometheusTextFormatWriter();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return new HttpAnswer(200, writer.getContentType(), out.toByteArray());
    }
}
