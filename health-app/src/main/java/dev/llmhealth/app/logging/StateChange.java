package dev.llmhealth.app.logging;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.service.CheckRoundService;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.LogRecord;

/**
 * A deployment's state change, as {@link CheckRoundService} logs it:
 * {@code "deployment {0} ({1}) {2} -> {3}{4}"} with the model name, the deployment id, the states
 * before and after, and {@code ": error text"} or {@code ""}. Recognised by that raw pattern and its
 * five parameters, so JSON logs get the parts as fields while the text log stays as it is.
 */
record StateChange(String model, String modelId, String from, String to, Optional<String> error) {

    static final String LOGGER = CheckRoundService.class.getName();
    static final String PATTERN = "deployment {0} ({1}) {2} -> {3}{4}";
    private static final String ERROR_PREFIX = ": ";

    static Optional<StateChange> of(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (!LOGGER.equals(record.getLoggerName()) || !PATTERN.equals(record.getMessage())
                || parameters == null || parameters.length != 5) {
            return Optional.empty();
        }
        String error = Objects.toString(parameters[4], "");
        return Optional.of(new StateChange(Objects.toString(parameters[0]), Objects.toString(parameters[1]),
                Objects.toString(parameters[2]), Objects.toString(parameters[3]),
                Optional.of(error.startsWith(ERROR_PREFIX) ? error.substring(ERROR_PREFIX.length()) : error)
                        .filter(text -> !text.isEmpty())));
    }

    void writeFields(JsonGenerator json, SecretRedactor secrets) {
        try {
            json.writeStringField("model", secrets.redact(model));
            json.writeStringField("model_id", secrets.redact(modelId));
            json.writeStringField("from", from);
            json.writeStringField("to", to);
            if (error.isPresent()) {
                json.writeStringField("error", secrets.redact(error.get()));
            }
        } catch (IOException cannotHappenOnAStringWriter) {
            throw new java.io.UncheckedIOException(cannotHappenOnAStringWriter);
        }
    }
}
