package dev.llmhealth.adapters.alerts;

import dev.llmhealth.domain.model.Alert;
import dev.llmhealth.domain.model.AlertType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Alerts as the domain raises them. */
final class Alerts {

    static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");

    private Alerts() {
    }

    static Alert deploymentDown(String id, String group) {
        return new Alert(AlertType.LLM_EXCEPTIONS, Alert.Phase.FIRING, "deployment", id, Optional.of(group),
                Optional.of("https://api.example.test/v1"), Optional.of("HTTP 500 from upstream"), AT, Optional.empty(), AT, "replica-a");
    }

    static Alert deploymentBack(String id, String group) {
        return new Alert(AlertType.LLM_EXCEPTIONS, Alert.Phase.RESOLVED, "deployment", id, Optional.of(group),
                Optional.of("https://api.example.test/v1"), Optional.empty(), AT, Optional.of(Duration.ofSeconds(252)),
                AT.plusSeconds(252), "replica-a");
    }
}
