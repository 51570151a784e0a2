package dev.llmhealth.adapters.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llmhealth.domain.model.Alert;
import dev.llmhealth.domain.model.AlertBatch;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The generic webhook's body, schema {@value #SCHEMA} ({@code docs/alert-webhook.schema.json}):
 * additive changes only, a breaking one gets a new schema name. {@code id} is the same on every try of
 * one message, so a receiver can drop a retry it already took.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookPayload(String schema, String id, @JsonProperty("alert_type") String alertType, String status, String title,
                      String replica, @JsonProperty("alert_count") int alertCount, List<Entry> alerts) {

    static final String SCHEMA = "llm-health.alert/v1";
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(@JsonProperty("alert_type") String alertType, String status, @JsonProperty("subject_kind") String subjectKind,
                 String subject, @JsonProperty("model_group") String modelGroup, @JsonProperty("api_base") String apiBase,
                 String error, String since, String at, @JsonProperty("duration_seconds") Long durationSeconds,
                 @JsonProperty("details_url") String detailsUrl) {

        static Entry of(Alert alert, AlertLinks links) {
            return new Entry(alert.type().word(), alert.phase().word(), alert.subjectKind(), alert.subject(),
                    alert.modelGroup().orElse(null), alert.apiBase().orElse(null), alert.error().orElse(null),
                    alert.since().toString(), alert.at().toString(), alert.duration().map(d -> d.toSeconds()).orElse(null),
                    links.detailsOf(alert));
        }
    }

    static WebhookPayload of(AlertBatch batch, AlertLinks links) {
        List<Entry> entries = batch.alerts().stream().map(alert -> Entry.of(alert, links)).toList();
        return new WebhookPayload(SCHEMA, id(batch), batch.type().word(), batch.phase().word(), batch.headline(),
                batch.first().replica(), entries.size(), entries);
    }

    byte[] bytes() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Derived from what the batch says, not from when it is sent: stable over retries. */
    private static String id(AlertBatch batch) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Alert alert : batch.alerts()) {
                digest.update((alert.type().word() + '|' + alert.phase().word() + '|' + alert.subject() + '|' + alert.at() + '|'
                        + alert.replica() + '\n').getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
