package dev.llmhealth.app;

import dev.llmhealth.app.config.ModelEntry;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.port.out.RouterState;
import java.util.List;

/** The standalone app's router: the deployments of {@code model_list}, fixed for the life of the process. */
final class ConfiguredRouterState implements RouterState {

    private final List<Deployment> deployments;

    ConfiguredRouterState(List<ModelEntry> models) {
        this.deployments = models.stream()
                .map(m -> new Deployment(m.id(), m.modelName(), m.apiBase(), m.probeMode(), m.mode(), m.healthCheck().timeout(),
                        m.healthCheck().interval()))
                .toList();
    }

    @Override
    public List<Deployment> deployments() {
        return deployments;
    }
}
