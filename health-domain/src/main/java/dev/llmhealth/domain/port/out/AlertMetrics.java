package dev.llmhealth.domain.port.out;

/** Counts what became of each alert per channel ({@code litellm_health_alerts_total}, {@code litellm_health_alerts_dropped_total}). */
public interface AlertMetrics {

    /** @param outcome {@code delivered} or {@code failed} (all tries used up, or rejected) */
    void delivered(String channel, String outcome, int alerts);

    /** Alerts a full queue had no room for. */
    void dropped(String channel, int alerts);

    AlertMetrics NONE = new AlertMetrics() {
        @Override
        public void delivered(String channel, String outcome, int alerts) {
        }

        @Override
        public void dropped(String channel, int alerts) {
        }
    };
}
