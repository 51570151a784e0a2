package dev.llmhealth.adapters.probes.models;

import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.ProbeSpend;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * For a provider with no family of its own (any other prefix with an {@code api_base}): a plain
 * {@code GET api_base}, in every probe mode, since its API is unknown. Any HTTP answer below 500
 * counts as reachable, except 401/403 (the key is refused: AUTH) and 404 (nothing there:
 * MODEL_NOT_FOUND); so 200, a redirect (not followed), 400, 405 or even 429 mean "the server is there
 * and answering". 5xx, timeouts and connection failures are unhealthy as for every family. A
 * configured key is sent as a bearer token.
 */
public final class HttpReachabilityProbe extends HttpModelProbe {

    /** With the caller's client; the caller closes it. */
    public HttpReachabilityProbe(Map<String, ProviderEndpoint> endpointsByDeploymentId, SecretRedactor redactor, HttpClient http) {
        super(endpointsByDeploymentId, redactor, http, false, ProbeSpend.NONE);
    }

    @Override
    HttpRequest.Builder request(ProviderEndpoint endpoint, ProbeMode mode) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(endpoint.apiBase(), "")).header("Accept", "*/*").GET();
        return withBearerKey(request, endpoint);
    }

    @Override
    Verdict interpret(ProviderEndpoint endpoint, ProbeMode mode, ProbeAnswer answer, MessageCleaner cleaner) {
        return Verdict.of(reachable(answer.status())
                ? ProbeResult.healthy(answer.latency())
                : ProbeOutcomes.fromStatus(answer.status(), answer.body(), cleaner));
    }

    static boolean reachable(int status) {
        return status < 500 && status != 401 && status != 403 && status != 404;
    }
}
