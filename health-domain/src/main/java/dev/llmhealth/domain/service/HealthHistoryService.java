package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.HistoryAnswer;
import dev.llmhealth.domain.model.HistoryQuery;
import dev.llmhealth.domain.port.in.GetHealthHistoryQuery;
import dev.llmhealth.domain.port.out.HealthHistory;

/** {@code /health/history}: answered by whichever history the proxy keeps (PostgreSQL, or memory without one). */
public final class HealthHistoryService implements GetHealthHistoryQuery {

    private final HealthHistory history;

    public HealthHistoryService(HealthHistory history) {
        this.history = history;
    }

    @Override
    public HistoryAnswer history(HistoryQuery query) {
        return history.query(query);
    }
}
