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
 * Probes Cohere ({@code cohere/...}, {@code cohere_chat/...}): {@code GET /v1/models} in {@code models}
 * mode (and for wildcards), in {@code completion} mode the v2 call that fits the deployment:
 * {@code POST /v2/chat} with {@code max_tokens} (chat and text), {@code /v2/embed} of one short text
 * (embedding), {@code /v2/rerank} of one query against one document (rerank); other modes are
 * listed. Bearer key. Errors come as {@code {"message": ...}}. Chat usage is read from
 * {@code usage.billed_units} (what is billed), else {@code usage.tokens}; embed usage from
 * {@code meta.billed_units}; a rerank is billed per search, not per token, so it reports no tokens.
 */
public final class CohereModelProbe extends HttpModelProbe {

    /** Endpoint paths LiteLLM's Cohere api_base may carry (its default is {@code https://api.cohere.ai/v1/chat}). */
    private static final String[] ENDPOINT_SUFFIXES = {"/v1/chat", "/v2/chat", "/v1/embed", "/v2/embed", "/v1/rerank", "/v2/rerank", "/v1", "/v2"};

    /** With the caller's client; the caller closes it. */
    public CohereModelProbe(Map<String, ProviderEndpoint> endpointsByDeploymentId, SecretRedactor redactor, HttpClient http,
                            ProbeSpend spend) {
        super(endpointsByDeploymentId, redactor, http, false, spend);
    }

    @Override
    HttpRequest.Builder request(ProviderEndpoint endpoint, ProbeMode mode) {
        String root = serviceRoot(endpoint.apiBase());
        HttpRequest.Builder request = switch (route(endpoint, mode)) {
            case CHAT -> jsonPost(uri(root, "/v2/chat"), chatBody(endpoint));
            case EMBEDDING -> jsonPost(uri(root, "/v2/embed"), embedBody(endpoint));
            case RERANK -> jsonPost(uri(root, "/v2/rerank"), rerankBody(endpoint));
            default -> jsonGet(uri(root, "/v1/models"));
        };
        return withBearerKey(request, endpoint);
    }

    @Override
    Verdict interpret(ProviderEndpoint endpoint, ProbeMode mode, ProbeAnswer answer, MessageCleaner cleaner) {
        ProbeOutcomes.JsonVerdict verdict = ProbeOutcomes.fromJsonResponse(answer.status(), answer.body(), answer.latency(), cleaner);
        JsonNode json = verdict.json();
        if (json == null) {
            return Verdict.of(verdict.result());
        }
        JsonNode usage = json.path("usage");
        JsonNode billed = usage.has("billed_units") ? usage.get("billed_units")
                : usage.has("tokens") ? usage.get("tokens") : json.path("meta").get("billed_units");
        return new Verdict(verdict.result(), TokenUsage.read(billed, "input_tokens", "output_tokens"));
    }

    private static CallKind route(ProviderEndpoint endpoint, ProbeMode mode) {
        return switch (CallKind.of(endpoint, mode)) {
            case CHAT, TEXT -> CallKind.CHAT;
            case EMBEDDING -> CallKind.EMBEDDING;
            case RERANK -> CallKind.RERANK;
            default -> CallKind.LIST;
        };
    }

    private static String chatBody(ProviderEndpoint endpoint) {
        ObjectNode body = ProbeJson.object().put("model", endpoint.model());
        body.putArray("messages").addObject().put("role", "user").put("content", ProbeCall.PING);
        return ProbeJson.write(body.put("max_tokens", endpoint.maxTokens()));
    }

    /** v2 embed requires {@code input_type} and {@code embedding_types}. */
    private static String embedBody(ProviderEndpoint endpoint) {
        ObjectNode body = ProbeJson.object().put("model", endpoint.model()).put("input_type", "search_query");
        body.putArray("texts").add(ProbeCall.PING);
        body.putArray("embedding_types").add("float");
        return ProbeJson.write(body);
    }

    private static String rerankBody(ProviderEndpoint endpoint) {
        ObjectNode body = ProbeJson.object().put("model", endpoint.model()).put("query", ProbeCall.PING);
        body.putArray("documents").add("pong");
        return ProbeJson.write(body.put("top_n", 1));
    }

    /** The service root, e.g. {@code https://api.cohere.com}, also when the config wrote a versioned endpoint. */
    static String serviceRoot(String apiBase) {
        return withoutEndpointSuffix(apiBase, ENDPOINT_SUFFIXES);
    }
}
