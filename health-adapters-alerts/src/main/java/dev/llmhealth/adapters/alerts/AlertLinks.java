package dev.llmhealth.adapters.alerts;

import dev.llmhealth.domain.model.Alert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where an operator reads the details of an alert: the proxy's own detailed endpoints, under the
 * base URL people reach it by ({@code PROXY_BASE_URL}, as LiteLLM's alerts and e-mails use it).
 */
public record AlertLinks(String baseUrl) {

    public AlertLinks {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String detailsOf(Alert alert) {
        return switch (alert.subjectKind()) {
            case "service" -> baseUrl + "/health/services";
            case "deployment", "model_group" -> alert.modelGroup()
                    .map(group -> baseUrl + "/health/models?model=" + URLEncoder.encode(group, StandardCharsets.UTF_8))
                    .orElse(baseUrl + "/health/models");
            case "upstream_host" -> baseUrl + "/health/models";
            default -> baseUrl + "/health";
        };
    }
}
