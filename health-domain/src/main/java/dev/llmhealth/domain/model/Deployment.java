package dev.llmhealth.domain.model;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured model deployment, as the router knows it. Holds no credentials: those stay with
 * the probe adapter that calls the provider.
 *
 * @param id        unique per deployment ({@code model_info.id} or derived), keeps two deployments of one group apart
 * @param modelName the public model group name ({@code model_name}), reported as {@code model}
 * @param apiBase   the effective upstream base URL, never a secret (credentials are stripped before it gets here)
 * @param probeMode how it is actively checked
 * @param mode      what it serves ({@code model_info.mode}): chat, embedding, rerank, image_generation, ...
 * @param probeTimeout  its own {@code health_check_timeout}; empty: the proxy-wide one
 * @param probeInterval its own {@code health_check_interval}; empty: the proxy-wide one
 */
public record Deployment(String id, String modelName, String apiBase, ProbeMode probeMode, String mode, Optional<Duration> probeTimeout,
                         Optional<Duration> probeInterval) {

    public static final String DEFAULT_MODE = "chat";

    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(probeMode, "probeMode");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(probeTimeout, "probeTimeout");
        Objects.requireNonNull(probeInterval, "probeInterval");
        if (probeTimeout.isPresent() && !probeTimeout.get().isPositive() || probeInterval.isPresent() && !probeInterval.get().isPositive()) {
            throw new IllegalArgumentException("a deployment's own probe timeout and interval must be positive");
        }
    }

    /** A chat deployment checked with the proxy-wide timeout. */
    public Deployment(String id, String modelName, String apiBase, ProbeMode probeMode) {
        this(id, modelName, apiBase, probeMode, DEFAULT_MODE, Optional.empty(), Optional.empty());
    }

    public Deployment withProbeMode(ProbeMode other) {
        return new Deployment(id, modelName, apiBase, other, mode, probeTimeout, probeInterval);
    }

    /** How often it is probed: its own {@code health_check_interval}, else {@code proxyWide}. */
    public Duration probeInterval(Duration proxyWide) {
        return probeInterval.orElse(proxyWide);
    }

    /** How long its probe may take: its own {@code health_check_timeout}, else {@code proxyWide}. */
    public Duration probeTimeout(Duration proxyWide) {
        return probeTimeout.orElse(proxyWide);
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
