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
 * be); in {@code completion} mode a non-streamed {@code POST /api/chat} limited by
 * {@code options.num_predict} ({@code /api/generate} for text models, {@code /api/embed} for
 * embedding models). A key, when configured (Ollama behind an authenticating proxy), goes as a bearer token.
 */
public final class OllamaModelProbe extends HttpModelProbe {

    /** With the caller's client; the caller closes it. */
    public OllamaModelProbe(Map<String, ProviderEndpoint> endpointsByDeploymentId, SecretRedactor redactor, HttpClient http,
                            ProbeSpend spend) {
        super(endpointsByDeploymentId, redactor, http, false, spend);
    }

    @Override
    HttpRequest.Builder request(ProviderEndpoint endpoint, ProbeMode mode) {
        HttpRequest.Builder request = switch (completionKind(endpoint, mode)) {
            case "chat" -> jsonPost(uri(endpoint.apiBase(), "/api/chat"), chatBody(endpoint));
            case "completion" -> jsonPost(uri(endpoint.apiBase(), "/api/generate"), generateBody(endpoint));
            case "embedding" -> jsonPost(uri(endpoint.apiBase(), "/api/embed"),
                    ProbeJson.write(ProbeJson.object().put("model", endpoint.model()).put("input", ProbeCall.PING)));
            default -> jsonGet(uri(endpoint.apiBase(), "/api/tags"));
        };
        if (endpoint.hasApiKey()) {
            request.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        return request;
    }

    @Override
    Verdict interpret(ProviderEndpoint endpoint, ProbeMode mode, ProbeAnswer answer, MessageCleaner cleaner) {
        ProbeOutcomes.JsonVerdict verdict = ProbeOutcomes.fromJsonResponse(answer.status(), answer.body(), answer.latency(), cleaner);
        JsonNode json = verdict.json();
        if (json == null) {
            return Verdict.of(verdict.result());
        }
        if (completionKind(endpoint, mode).equals("tags")) {
            return Verdict.of(listsModel(json, endpoint.model()) || answer.body().truncated() ? verdict.result()
                    : ProbeResult.unhealthy(ErrorKind.MODEL_NOT_FOUND, "model " + endpoint.model() + " is not on this Ollama server (not pulled)"));
        }
        // Ollama counts tokens at the top level: prompt_eval_count in, eval_count out
        return new Verdict(verdict.result(), TokenUsage.read(json, "prompt_eval_count", "eval_count"));
    }

    /** Which call completion mode makes for this deployment, or {@code tags} for the listing. */
    private static String completionKind(ProviderEndpoint endpoint, ProbeMode mode) {
        if (mode != ProbeMode.COMPLETION) {
            return "tags";
        }
        return switch (endpoint.mode()) {
            case "chat", "completion", "embedding" -> endpoint.mode();
            default -> "tags";
        };
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
