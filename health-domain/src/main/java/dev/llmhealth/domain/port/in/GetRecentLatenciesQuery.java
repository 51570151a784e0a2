package dev.llmhealth.domain.port.in;

import dev.llmhealth.domain.model.LatencySample;
import java.util.List;
import java.util.Map;

/** The latest probe latencies of each deployment (oldest first), a few dozen at most each. */
public interface GetRecentLatenciesQuery {

    /** By deployment id; a deployment never probed is absent. */
    Map<String, List<LatencySample>> recentLatencies();
}
