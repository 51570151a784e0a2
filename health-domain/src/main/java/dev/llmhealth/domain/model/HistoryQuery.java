package dev.llmhealth.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which transitions {@code /health/history} answers: newest first, at most {@code limit}.
 *
 * @param model only this model group's deployments (services are left out then)
 * @param since only transitions at or after this instant
 */
public record HistoryQuery(Optional<String> model, Optional<Instant> since, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public HistoryQuery {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(since, "since");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    public boolean matches(HealthTransition transition) {
        return model.map(m -> transition.modelName().filter(m::equals).isPresent()).orElse(true)
                && since.map(s -> !transition.at().isBefore(s)).orElse(true);
    }
}
