package dev.llmhealth.adapters.http;

import dev.llmhealth.domain.model.Deployment;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The label values of each configured deployment, by deployment id. The domain's deployment does
 * not know its provider or upstream model name; the composition root, which read the config, does.
 * A deployment missing here is labelled from what the domain knows (its group name and id).
 */
public final class DeploymentLabelCatalog {

    private final Map<String, DeploymentLabels> byId;

    private DeploymentLabelCatalog(Map<String, DeploymentLabels> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static DeploymentLabelCatalog of(Collection<DeploymentLabels> deployments) {
        Map<String, DeploymentLabels> byId = new HashMap<>();
        for (DeploymentLabels labels : deployments) {
            byId.put(labels.modelId(), labels);
        }
        return new DeploymentLabelCatalog(byId);
    }

    public static DeploymentLabelCatalog empty() {
        return new DeploymentLabelCatalog(Map.of());
    }

    public DeploymentLabels labelsOf(Deployment deployment) {
        DeploymentLabels labels = byId.get(deployment.id());
        return labels != null ? labels : new DeploymentLabels(deployment.modelName(), deployment.id(), deployment.apiBase(), "");
    }
}
