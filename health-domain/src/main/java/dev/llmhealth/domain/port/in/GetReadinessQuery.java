package dev.llmhealth.domain.port.in;

import dev.llmhealth.domain.model.Readiness;

/** {@code GET /health/readiness}. */
public interface GetReadinessQuery {
    Readiness readiness();
}
