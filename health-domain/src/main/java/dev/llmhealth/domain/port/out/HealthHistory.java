package dev.llmhealth.domain.port.out;

import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.model.HistoryAnswer;
import dev.llmhealth.domain.model.HistoryQuery;

/** Where state transitions are kept. Recording never blocks the caller (a check round). */
public interface HealthHistory {

    /** Keeps the transition; returns at once (an adapter queues the write). */
    void record(HealthTransition transition);

    /** The transitions asked for, newest first; bounded in time by the adapter. */
    HistoryAnswer query(HistoryQuery query);

    /** Keeps nothing, answers nothing. */
    HealthHistory NONE = new HealthHistory() {
        @Override
        public void record(HealthTransition transition) {
        }

        @Override
        public HistoryAnswer query(HistoryQuery query) {
            return new HistoryAnswer.Found(java.util.List.of());
        }
    };
}
