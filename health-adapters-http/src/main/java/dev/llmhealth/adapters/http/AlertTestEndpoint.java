package dev.llmhealth.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmhealth.domain.model.TestAlertReport;
import dev.llmhealth.domain.port.in.SendTestAlertUseCase;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /health/alerts/test}, for any HTTP stack: with the master key (when one is set) sends
 * a test alert to every configured channel and answers which took it:
 * {@code {"status": "ok"|"failed"|"no_channels", "channels": [{"channel", "delivered", "detail"}]}},
 * 200 when every channel took it, 502 when one did not. It can page people, so it is POST only.
 */
public final class AlertTestEndpoint {

    public static final String PATH = "/health/alerts/test";
    public static final String ALLOW = "POST, OPTIONS";
    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(String status, List<TestAlertReport.ChannelResult> channels) {
    }

    private final SendTestAlertUseCase alerts;
    private final MasterKeyAccess access;

    public AlertTestEndpoint(SendTestAlertUseCase alerts, MasterKeyAccess access) {
        this.alerts = alerts;
        this.access = access;
    }

    public HttpAnswer answer(String method, Optional<String> authorization) {
        return switch (method) {
            case "POST" -> access.isOpen() || access.allows(authorization) ? send() : HealthEndpoints.UNAUTHORIZED;
            case "OPTIONS" -> HealthEndpoints.OPTIONS;
            default -> HealthResponses.error(405, "method_not_allowed", "Method not allowed; allowed: " + ALLOW);
        };
    }

    private HttpAnswer send() {
        TestAlertReport report = alerts.sendTestAlert();
        String status = report.channels().isEmpty() ? "no_channels" : report.allDelivered() ? "ok" : "failed";
        try {
            return HttpAnswer.json(report.allDelivered() ? 200 : 502, JSON.writeValueAsBytes(new View(status, report.channels())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
