package dev.llmhealth.domain.port.out;

import dev.llmhealth.domain.model.Deployment;

/** Counts the active probes a round left out because real traffic had already shown the deployment healthy. */
public interface ProbeSkips {

    void probeSkipped(Deployment deployment);

    /** For a host that does not count them. */
    ProbeSkips NONE = deployment -> {
    };
}
