package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Deployment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The router's deployments by id and by model group, built once per deployment list. */
final class DeploymentIndex {

    private final List<Deployment> source;
    private final Map<String, Deployment> byId;
    private final Map<String, List<Deployment>> byModel;

    private DeploymentIndex(List<Deployment> source) {
        this.source = source;
        Map<String, Deployment> ids = new HashMap<>();
        Map<String, List<Deployment>> models = new LinkedHashMap<>();
        for (Deployment deployment : source) {
            ids.put(deployment.id(), deployment);
            models.computeIfAbsent(deployment.modelName(), m -> new ArrayList<>()).add(deployment);
        }
        this.byId = Map.copyOf(ids);
        models.replaceAll((model, group) -> List.copyOf(group));
        this.byModel = Map.copyOf(models);
    }

    /** The index of {@code deployments}: {@code previous} when it was built from the very same list. */
    static DeploymentIndex of(List<Deployment> deployments, DeploymentIndex previous) {
        return previous != null && previous.source == deployments ? previous : new DeploymentIndex(deployments);
    }

    Optional<Deployment> deployment(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<Deployment> group(String modelName) {
        return byModel.getOrDefault(modelName, List.of());
    }

    boolean hasGroup(String modelName) {
        return byModel.containsKey(modelName);
    }
}
