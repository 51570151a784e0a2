package dev.llmhealth.app.logging;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.policy.SecretRedactor;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.LogRecord;

/**
 * A recorded change of state as {@link dev.llmhealth.embedded.TransitionLog} logs it: the {@link HealthTransition} is the
 * record's second parameter, so JSON logs get its parts as fields ({@code model}, {@code model_id} or
 * {@code service}, {@code from}, {@code to}, {@code error}) while the text log stays as it is.
 */
record StateChange(HealthTransition transition) {

    static Optional<StateChange> of(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (parameters == null || parameters.length != 2 || !(parameters[1] instanceof HealthTransition transition)) {
            return Optional.empty();
        }
        return Optional.of(new StateChange(transition));
    }

    void writeFields(JsonGenerator json, SecretRedactor secrets) {
        try {
            if (transition.kind() == HealthTransition.SubjectKind.DEPLOYMENT) {
                json.writeStringField("model", secrets.redact(transition.modelName().orElse("")));
                json.writeStringField("model_id", secrets.redact(transition.subject()));
            } else {
                json.writeStringField("service", transition.subject());
            }
            json.writeStringField("from", transition.from());
            json.writeStringField("to", transition.to());
            if (transition.error().isPresent()) {
                json.writeStringField("error", secrets.redact(transition.error().get()));
            }
        } catch (IOException cannotHappenOnAStringWriter) {
            throw new java.io.UncheckedIOException(cannotHappenOnAStringWriter);
        }
    }
}
