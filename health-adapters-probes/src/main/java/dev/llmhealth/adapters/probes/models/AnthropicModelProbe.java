package dev.llmhealth.adapters.probes.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.ProbeSpend;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * Probes Anthropic ({@code anthropic/claude-...}): {@code GET /v1/models} in {@code models} mode, a
 * few-token {@code POST /v1/messages} in {@code completion} mode, with the {@code x-api-key} and
 * {@code anthropic-version} headers. Anthropic serves no embeddings, images or audio: such a
 * deployment is only listed. Errors come as {@code {"type":"error","error":{"message":...}}}.
 */
public final class AnthropicModelProbe extends HttpModelProbe {

    public static final String API_VERSION = "2023-06-01";

    /** With the caller's client; the caller closes it. */
    public AnthropicModelProbe(Map<String, ProviderEndpoint> endpointsByDeploymentId, SecretRedactor redactor, HttpClient http,
                               ProbeSpend spend) {
        super(endpointsByDeploymentId, redactor, http, false, spend);
    }

    @Override
    HttpRequest.Builder request(ProviderEndpoint endpoint, ProbeMode mode) {
        String base = serviceBase(endpoint.apiBase());
        HttpRequest.Builder request = sendsMessage(endpoint, mode)
                ? jsonPost(uri(base, "/v1/messages"), messageBody(endpoint))
                : jsonGet(uri(base, "/v1/models"));
        if (endpoint.hasApiKey()) {
            request.header("x-api-key", endpoint.apiKey());
        }
        return request.header("anthropic-version", API_VERSION);
    }

    @Override
    Verdict interpret(ProviderEndpoint endpoint, ProbeMode mode, ProbeAnswer answer, MessageCleaner cleaner) {
        ProbeOutcomes.JsonVerdict verdict = ProbeOutcomes.fromJsonResponse(answer.status(), answer.body(), answer.latency(), cleaner);
        JsonNode json = verdict.json();
        TokenUsage usage = json == null ? TokenUsage.NONE : TokenUsage.read(json.get("usage"), "input_tokens", "output_tokens");
        return new Verdict(verdict.result(), usage);
    }

    /** Only chat and text deployments get a message; wildcards and every other mode are listed ({@link CallKind}). */
    private static boolean sendsMessage(ProviderEndpoint endpoint, ProbeMode mode) {
        CallKind kind = CallKind.of(endpoint, mode);
        return kind == CallKind.CHAT || kind == CallKind.TEXT;
    }

    private static String messageBody(ProviderEndpoint endpoint) {
        ObjectNode body = ProbeJson.object().put("model", endpoint.model()).put("max_tokens", endpoint.maxTokens());
        body.putArray("messages").addObject().put("role", "user").put("content", ProbeCall.PING);
        return ProbeJson.write(body);
    }

    /**
     * The service root: LiteLLM's default is {@code https://api.anthropic.com/v1/messages} and
     * configs write any of that, {@code .../v1} or the bare host.
     */
    static String serviceBase(String apiBase) {
        String base = apiBase;
        for (String suffix : new String[] {"/messages", "/v1"}) {
            if (base.endsWith(suffix)) {
                base = base.substring(0, base.length() - suffix.length());
            }
        }
        return base;
    }
}
