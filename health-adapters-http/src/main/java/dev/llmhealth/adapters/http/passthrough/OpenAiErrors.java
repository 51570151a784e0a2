package dev.llmhealth.adapters.http.passthrough;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmhealth.domain.policy.SecretRedactor;
import java.io.IOException;

/** Error bodies in the OpenAI shape LiteLLM answers with: {@code {"error": {message, type, param, code}}}. */
final class OpenAiErrors {

    static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_MESSAGE_CHARS = 500;

    private OpenAiErrors() {
    }

    static byte[] body(int status, String type, String message) {
        ObjectNode error = MAPPER.createObjectNode();
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        error.put("code", Integer.toString(status));
        ObjectNode root = MAPPER.createObjectNode();
        root.set("error", error);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * An upstream's error, passed on in our own words: its message (redacted: providers echo parts of
     * keys) and type, never its raw body, which could carry anything.
     */
    static byte[] fromUpstream(int status, byte[] upstreamBody, String deploymentModel, SecretRedactor redactor) {
        String message = null;
        String type = "upstream_error";
        try {
            JsonNode error = MAPPER.readTree(upstreamBody).path("error");
            if (error.isObject()) {
                message = error.path("message").isTextual() ? error.path("message").asText() : null;
                type = error.path("type").isTextual() ? error.path("type").asText() : type;
            } else if (error.isTextual()) {
                message = error.asText();
            }
        } catch (IOException notJson) {
            // described below
        }
        if (message == null) {
            message = "HTTP " + status + " without an error message";
        }
        String safe = redactor.redact(message);
        if (safe.length() > MAX_MESSAGE_CHARS) {
            safe = safe.substring(0, MAX_MESSAGE_CHARS) + "...";
        }
        return body(status, redactor.redact(type), "upstream " + deploymentModel + " answered HTTP " + status + ": " + safe);
    }
}
