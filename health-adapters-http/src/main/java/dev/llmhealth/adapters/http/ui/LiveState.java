package dev.llmhealth.adapters.http.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmhealth.adapters.http.HealthResponses;
import dev.llmhealth.domain.model.LatencySample;
import dev.llmhealth.domain.port.in.GetRecentLatenciesQuery;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the status page draws, in one JSON object: the very answers of {@code /health},
 * {@code /health/services} and {@code /health/models} (so {@code health_check_details: false} hides
 * the same fields here) and each deployment's recent probe latencies. A caller without the master key
 * (when one is set) gets what unauthenticated {@code /health} shows: the status only.
 */
public final class LiveState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HealthResponses responses;
    private final GetRecentLatenciesQuery latencies;

    public LiveState(HealthResponses responses, GetRecentLatenciesQuery latencies) {
        this.responses = responses;
        this.latencies = latencies;
    }

    /** {@code {"authorized":true,"health":…,"services":…,"models":…,"latencies":{id:[{at,ms,ok}]}}} */
    public byte[] full() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        out.writeBytes("{\"authorized\":true,\"health\":".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(responses.health().body());
        out.writeBytes(",\"services\":".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(responses.services(Optional.empty()).body());
        out.writeBytes(",\"models\":".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(responses.models(Optional.empty()).body());
        out.writeBytes(",\"latencies\":".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(write(latencyViews()));
        out.write('}');
        return out.toByteArray();
    }

    /** {@code {"authorized":false,"health":{"status":…}}} */
    public byte[] statusOnly() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes("{\"authorized\":false,\"health\":".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(responses.healthStatusOnly().body());
        out.write('}');
        return out.toByteArray();
    }

    record SampleView(String at, double ms, boolean ok) {
        static SampleView of(LatencySample s) {
            return new SampleView(s.at().truncatedTo(ChronoUnit.MILLIS).toString(), s.latency().toNanos() / 10_000 / 100.0, s.healthy());
        }
    }

    private Map<String, List<SampleView>> latencyViews() {
        Map<String, List<SampleView>> views = new TreeMap<>();
        latencies.recentLatencies().forEach((id, samples) -> views.put(id, samples.stream().map(SampleView::of).toList()));
        return views;
    }

    private static byte[] write(Object view) {
        try {
            return JSON.writeValueAsBytes(view);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot serialize the latencies", impossible);
        }
    }
}
