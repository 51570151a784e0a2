package dev.llmhealth.adapters.probes.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.ProbeSpend;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * Probes Ollama ({@code ollama/...}, {@code ollama_chat/...}): {@code GET /api/tags} in {@code models}
 * mode, which must list the model (an unpulled model is "model not found", as a call to it would
 * be; a wildcard {@code ollama/*} only needs the server to answer); in {@code completion} mode a
 * non-streamed call limited by {@code options.num_predict} on the route LiteLLM uses for the prefix:
 * {@code /api/chat} for {@code ollama_chat/}, {@code /api/generate} for {@code ollama/} and text
 * models, {@code /api/embed} for embedding models. A key, when configured (Ollama behind an
 * authenticating proxy), goes as a bearer token.
 */
public final class OllamaModelProbe extends HttpModelProbe {

    /** Endpoint paths configs append to {@code api_base}, which LiteLLM strips back to the server (OllamaConfig.get_server_api_base). */
    private static final String[] ENDPOINT_SUFFIXES = {"/api/generate", "/api/chat", "/api/embed", "/api/embeddings", "/api/show", "/api/tags"};

    /** With the caller's client; the caller closes it. */
    public OllamaModelProbe(Map<String, ProviderEndpoint> endpointsByDeploymentId, SecretRedactor redactor, HttpClient http,
                            ProbeSpend spend) {
        super(endpointsByDeploymentId, redactor, http, false, spend);
    }

    @Override
    HttpRequest.Builder request(ProviderEndpoint endpoint, ProbeMode mode) {
        String base = serverBase(endpoint.apiBase());
        HttpRequest.Builder request = switch (route(endpoint, mode)) {
            case CHAT -> jsonPost(uri(base, "/api/chat"), chatBody(endpoint));
            case TEXT -> jsonPost(uri(base, "/api/generate"), generateBody(endpoint));
            case EMBEDDING -> jsonPost(uri(base, "/api/embed"),
                    ProbeJson.write(ProbeJson.object().put("model", endpoint.model()).put("input", ProbeCall.PING)));
            default -> jsonGet(uri(base, "/api/tags"));
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
        if (route(endpoint, mode) == CallKind.LIST) {
            // a wildcard names no model that could be missing; a list too long to read whole is given the benefit of the doubt
            boolean found = endpoint.isWildcard() || answer.body().truncated() || listsModel(json, endpoint.model());
            return Verdict.of(found ? verdict.result()
                    : ProbeResult.unhealthy(ErrorKind.MODEL_NOT_FOUND, "model " + endpoint.model() + " is not on this Ollama server (not pulled)"));
        }
        // Ollama counts tokens at the top level: prompt_eval_count in, eval_count out
        return new Verdict(verdict.result(), TokenUsage.read(json, "prompt_eval_count", "eval_count"));
    }

    /**
     * The call for this deployment: LiteLLM sends {@code ollama/} chat deployments to {@code /api/generate}
     * (a prompt) and {@code ollama_chat/} ones to {@code /api/chat}; Ollama has no moderation, rerank or
     * Responses route, so those are listed.
     */
    private static CallKind route(ProviderEndpoint endpoint, ProbeMode mode) {
        CallKind kind = CallKind.of(endpoint, mode);
        return switch (kind) {
            case CHAT -> endpoint.provider().equals("ollama_chat") ? CallKind.CHAT : CallKind.TEXT;
            case TEXT, EMBEDDING -> kind;
            default -> CallKind.LIST;
        };
    }

    /** The server root, also when the config wrote an endpoint ({@code http://host:11434/api/generate}). */
    static String serverBase(String apiBase) {
        return withoutEndpointSuffix(apiBase, ENDPOINT_SUFFIXES);
    }

    private static String chatBody(ProviderEndpoint endpoint) {
        ObjectNode body = ProbeJson.object().put("model", endpoint.model()).put("stream", false);
        body.putArray("messages").addObject().put("role", "user").put("content", ProbeCall.PING);
        body.putObject("options").put("num_predict", endpoint.maxTokens());
        return ProbeJson.write(body);
    }

    private static String generateBody(ProviderEndpoint endpoint) {
        ObjectNode body = ProbeJson.object().put("model", endpoint.model()).put("prompt", ProbeCall.PING).put("stream", false);
        body.putObject("options").put("num_predict", endpoint.maxTokens());
        return ProbeJson.write(body);
    }

    /** {@code llama3} is listed as {@code llama3:latest}; a tag given in the config must match exactly. */
    static boolean listsModel(JsonNode tags, String model) {
        JsonNode models = tags.path("models");
        if (!models.isArray()) {
            return false;
        }
        String wanted = model.contains(":") ? model : model + ":latest";
        for (JsonNode listed : models) {
            for (String field : new String[] {"name", "model"}) {
                String name = listed.path(field).asText("");
                if (name.equals(model) || name.equals(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }
}
