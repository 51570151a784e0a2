package dev.llmhealth.domain.port.out;

import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.model.ServiceName;

/**
 * Where each finished check of a connected service is counted (LiteLLM's {@code prometheus_system}
 * service metrics). Told once per configured service per check cycle, from the background service
 * check, never from a request; a check cut off by shutdown is not told at all.
 */
public interface ServiceCheckMetrics {

    /**
     * @param outcome {@code Connected} with the check's latency, or {@code Disconnected} with its
     *                redacted reason (a check still hung from an earlier cycle counts as timed out again)
     */
    void serviceChecked(ServiceName service, ServiceHealth outcome);

    /** For a host that does not count them. */
    ServiceCheckMetrics NONE = (service, outcome) -> {
    };
}
