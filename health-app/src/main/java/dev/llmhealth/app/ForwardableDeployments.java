package dev.llmhealth.app;

import dev.llmhealth.adapters.http.passthrough.UpstreamDeployment;
import dev.llmhealth.adapters.probes.models.ProviderFamily;
import dev.llmhealth.app.config.ModelEntry;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which configured deployments the pass-through can forward real calls to: those that answer the
 * OpenAI API (an OpenAI-compatible provider, or Ollama under its {@code /v1}), with a base URL and
 * no config problem. The rest are left to their probes.
 */
final class ForwardableDeployments {

    /** Ollama serves the OpenAI API under {@code /v1} of its own root. */
    private static final Set<String> OLLAMA = Set.of("ollama", "ollama_chat");

    private ForwardableDeployments() {
    }

    static List<UpstreamDeployment> of(List<ModelEntry> models) {
        return models.stream().flatMap(entry -> forwardable(entry).stream()).toList();
    }

    private static Optional<UpstreamDeployment> forwardable(ModelEntry entry) {
        String base = entry.apiBase().replaceAll("/+$", "");
        if (base.isEmpty() || entry.configProblem().isPresent()) {
            return Optional.empty();
        }
        if (OLLAMA.contains(entry.provider())) {
            base = base.endsWith("/v1") ? base : base + "/v1";
        } else if (ProviderFamily.of(entry.provider()) != ProviderFamily.OPENAI_COMPATIBLE) {
            return Optional.empty();
        }
        return Optional.of(new UpstreamDeployment(entry.id(), base, entry.apiKey(), entry.forwardedModel(), entry.apiBase(),
                entry.inputCostPerToken(), entry.outputCostPerToken(), entry.timeouts().request(), entry.timeouts().stream()));
    }
}
