package dev.llmhealth.domain.port.in;

import dev.llmhealth.domain.model.ProxyHealth;

/** {@code GET /health}: the overall verdict, served from the latest snapshot, never waiting. */
public interface GetProxyHealthQuery {

    /** The same instance is returned until the verdict can change, so callers may cache its rendering. */
    ProxyHealth proxyHealth();
}
