package dev.llmhealth.domain.port.in;

import dev.llmhealth.domain.model.HistoryAnswer;
import dev.llmhealth.domain.model.HistoryQuery;

/** {@code GET /health/history}: the recorded state transitions, newest first. */
public interface GetHealthHistoryQuery {

    HistoryAnswer history(HistoryQuery query);
}
