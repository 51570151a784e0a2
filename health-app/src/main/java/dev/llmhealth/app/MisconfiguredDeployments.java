package dev.llmhealth.app;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.port.out.ModelProbe;
import java.time.Duration;
import java.util.Map;

/**
 * The deployments whose config cannot work (an {@code api_base} that is not a URL, an unset
 * {@code os.environ/} variable) answer their check with that problem, calling nobody; the rest go
 * to the provider probes. So one bad entry is one unhealthy deployment, never a refused config.
 */
final class MisconfiguredDeployments implements ModelProbe {

    private final Map<String, String> problemsById;
    private final ModelProbe providers;

    MisconfiguredDeployments(Map<String, String> problemsById, ModelProbe providers) {
        this.problemsById = Map.copyOf(problemsById);
        this.providers = providers;
    }

    @Override
    public ProbeResult probe(Deployment deployment, Duration timeout) {
        String problem = problemsById.get(deployment.id());
        return problem != null ? ProbeResult.unhealthy(ErrorKind.CONFIG, "config: " + problem) : providers.probe(deployment, timeout);
    }
}
