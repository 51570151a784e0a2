package dev.llmhealth.domain.model;

import java.net.URI;
import java.util.Objects;

/**
 * One configured model deployment, as the router knows it. Holds no credentials: those stay with
 * the probe adapter that calls the provider.
 *
 * @param id        unique per deployment ({@code model_info.id} or derived), keeps two deployments of one group apart
 * @param modelName the public model group name ({@code model_name}), reported as {@code model}
 * @param apiBase   the effective upstream base URL, never a secret (credentials are stripped before it gets here)
 * @param probeMode how it is actively checked
 */
public record Deployment(String id, String modelName, String apiBase, ProbeMode probeMode) {

    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(probeMode, "probeMode");
    }

    /** The upstream {@code host:port} that per-host probe limits are keyed by. */
    public String upstreamHost() {
        try {
            URI uri = URI.create(apiBase);
            if (uri.getHost() == null) {
                return apiBase;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return uri.getHost() + ":" + port;
        } catch (IllegalArgumentException notAUri) {
            return apiBase;
        }
    }
}
