package dev.llmhealth.domain.port.in;

import dev.llmhealth.domain.model.ServicesReport;

/** {@code GET /health/services}. */
public interface GetServiceHealthQuery {

    /** Same instance until the next snapshot, so callers may cache its rendering. */
    ServicesReport services();
}
