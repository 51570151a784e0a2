package dev.llmhealth.domain.port.in;

import dev.llmhealth.domain.model.ProxyRequestOutcome;
import dev.llmhealth.domain.model.TrafficOutcome;

/**
 * A proxy reports its real traffic here: the embedding host's router, or the app's own
 * pass-through. It feeds {@code /metrics} and passive health. Cheap enough for every request:
 * nothing is written or published unless a deployment changes state.
 */
public interface RecordTrafficUseCase {

    /** One call to one deployment; a failover reports each deployment it tried. */
    void recordCall(TrafficOutcome call);

    /** One client request as the proxy answered it, after any failover. */
    void recordRequest(ProxyRequestOutcome request);
}
