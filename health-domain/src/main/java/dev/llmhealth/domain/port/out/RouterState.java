package dev.llmhealth.domain.port.out;

import dev.llmhealth.domain.model.Deployment;
import java.util.List;

/** The router's current deployment list: from the config file standalone, from the host's router when embedded. */
public interface RouterState {
    List<Deployment> deployments();
}
