package dev.llmhealth.adapters.http.ui;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmhealth.adapters.http.HealthResponses;
import dev.llmhealth.adapters.http.HttpAnswer;
import dev.llmhealth.domain.model.DeploymentUptime;
import dev.llmhealth.domain.model.UptimeAnswer;
import dev.llmhealth.domain.model.UptimeWindow;
import dev.llmhealth.domain.port.in.GetUptimeQuery;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /health/uptime?window=24h|7d[&model=]}: each deployment's uptime percentage and outage
 * count over the window (default 24h). An unknown window is a 400; a history that cannot be read now
 * (its database is down) a 503, as {@code /health/history}.
 */
public final class UptimeResponses {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KNOWN_WINDOWS = Arrays.stream(UptimeWindow.values()).map(UptimeWindow::word)
            .collect(Collectors.joining(", "));

    private final GetUptimeQuery uptime;

    public UptimeResponses(GetUptimeQuery uptime) {
        this.uptime = uptime;
    }

    public HttpAnswer uptime(Optional<String> window, Optional<String> model) {
        Optional<UptimeWindow> span = window.isEmpty() ? Optional.of(UptimeWindow.DAY) : window.flatMap(UptimeWindow::fromWord);
        if (span.isEmpty()) {
            return HealthResponses.error(400, "bad_request", "window must be one of " + KNOWN_WINDOWS);
        }
        return switch (uptime.uptime(span.get(), model)) {
            case UptimeAnswer.Found found -> HttpAnswer.json(200, write(UptimeView.of(found)));
            case UptimeAnswer.Unavailable unavailable ->
                    HealthResponses.error(503, "service_unavailable", "history unavailable: " + unavailable.reason());
        };
    }

    record UptimeView(String window, String from, String to, boolean truncated, List<DeploymentView> deployments) {
        static UptimeView of(UptimeAnswer.Found found) {
            return new UptimeView(found.window().word(), found.from().truncatedTo(ChronoUnit.MILLIS).toString(),
                    found.to().truncatedTo(ChronoUnit.MILLIS).toString(), found.truncated(),
                    found.deployments().stream().map(DeploymentView::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DeploymentView(String model, @JsonProperty("model_id") String modelId,
                          @JsonProperty("uptime_percent") Double uptimePercent, int outages,
                          @JsonProperty("observed_seconds") long observedSeconds,
                          @JsonProperty("downtime_seconds") long downtimeSeconds) {
        static DeploymentView of(DeploymentUptime d) {
            // three decimals: a minute of a week is 0.0099 %, still visible
            Double percent = d.uptimePercent().map(p -> Math.round(p * 1000) / 1000.0).orElse(null);
            return new DeploymentView(d.modelName(), d.deploymentId(), percent, d.outages(), d.observed().toSeconds(),
                    d.downtime().toSeconds());
        }
    }

    private static byte[] write(Object view) {
        try {
            return JSON.writeValueAsBytes(view);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot serialize the uptime", impossible);
        }
    }
}
