package dev.llmhealth.app.passthrough;

import dev.llmhealth.adapters.probes.models.ProviderFamily;
import dev.llmhealth.app.config.ModelEntry;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how the pass-through calls one deployment. Holds its key, so it never leaves this
 * package and {@link #toString()} hides it.
 *
 * @param baseUrl the OpenAI API root, e.g. {@code https://api.openai.com/v1}, without a trailing slash
 */
record UpstreamTarget(String deploymentId, String baseUrl, Optional<String> apiKey, ModelEntry entry) {

    /** Ollama serves the OpenAI API under {@code /v1} of its own root. */
    private static final Set<String> OLLAMA = Set.of("ollama", "ollama_chat");

    /** Only deployments that speak the OpenAI API can take forwarded calls; the rest are left to their probes. */
    static Optional<UpstreamTarget> of(ModelEntry entry) {
        String provider = entry.provider().toLowerCase(Locale.ROOT);
        String base = entry.apiBase().replaceAll("/+$", "");
        if (base.isEmpty() || entry.configProblem().isPresent()) {
            return Optional.empty();
        }
        if (OLLAMA.contains(provider)) {
            base = base.endsWith("/v1") ? base : base + "/v1";
        } else if (ProviderFamily.of(provider) != ProviderFamily.OPENAI_COMPATIBLE) {
            return Optional.empty();
        }
        return Optional.of(new UpstreamTarget(entry.id(), base, entry.apiKey().filter(k -> !k.isBlank()), entry));
    }

    String url(ApiCall call) {
        return baseUrl + call.path();
    }

    @Override
    public String toString() {
        return "UpstreamTarget[" + deploymentId + " " + baseUrl + (apiKey.isPresent() ? " with key ***" : "") + "]";
    }
}
