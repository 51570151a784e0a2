package dev.llmhealth.domain.port.in;

import dev.llmhealth.domain.model.ModelHealthReport;
import java.util.Optional;

/** {@code GET /health/models}: the checked deployments, optionally only one model group. */
public interface GetModelHealthQuery {

    /** Same instance until the next snapshot when unfiltered, so callers may cache its rendering. */
    ModelHealthReport modelHealth();

    ModelHealthReport modelHealth(String modelName);
}
