package dev.llmhealth.adapters.probes.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.ProbeSpend;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Probes Google AI Studio's Gemini API ({@code gemini/gemini-2.0-flash}): {@code GET /v1beta/models}
 * in {@code models} mode (and for wildcards), in {@code completion} mode a
 * {@code POST /v1beta/models/{model}:generateContent} capped by {@code generationConfig.maxOutputTokens}
 * (chat and text deployments) or a {@code :embedContent} of one short text (embedding deployments);
 * other modes are listed. The key goes in the {@code x-goog-api-key} header, never in the URL.
 * Gemini refuses a bad key with 400 {@code INVALID_ARGUMENT} (reason {@code API_KEY_INVALID}), which
 * counts as AUTH here like the 403 {@code PERMISSION_DENIED} it sends for a key without access.
 */
public final class GeminiModelProbe extends HttpModelProbe {

    static final String API_VERSION = "/v1beta";

    /** With the caller's client; the caller closes it. */
    public GeminiModelProbe(Map<String, ProviderEndpoint> endpointsByDeploymentId, SecretRedactor redactor, HttpClient http,
                            ProbeSpend spend) {
        super(endpointsByDeploymentId, redactor, http, false, spend);
    }

    @Override
    HttpRequest.Builder request(ProviderEndpoint endpoint, ProbeMode mode) {
        String models = serviceRoot(endpoint.apiBase()) + API_VERSION + "/models";
        HttpRequest.Builder request = switch (route(endpoint, mode)) {
            case CHAT -> jsonPost(uri(models, "/" + modelPath(endpoint.model()) + ":generateContent"), generateBody(endpoint));
            case EMBEDDING -> jsonPost(uri(models, "/" + modelPath(endpoint.model()) + ":embedContent"), embedBody(endpoint));
            default -> jsonGet(uri(models, ""));
        };
        if (endpoint.hasApiKey()) {
            request.header("x-goog-api-key", endpoint.apiKey());
        }
        return request;
    }

    @Override
    Verdict interpret(ProviderEndpoint endpoint, ProbeMode mode, ProbeAnswer answer, MessageCleaner cleaner) {
        if (answer.status() == 400 && answer.body().text().contains("API_KEY_INVALID")) {
            String detail = cleaner.clean(ProbeOutcomes.errorMessage(answer.body().text()));
            return Verdict.of(ProbeResult.unhealthy(ErrorKind.AUTH, ProbeOutcomes.withDetail("HTTP 400 from upstream", detail)));
        }
        ProbeOutcomes.JsonVerdict verdict = ProbeOutcomes.fromJsonResponse(answer.status(), answer.body(), answer.latency(), cleaner);
        JsonNode json = verdict.json();
        if (json == null) {
            return Verdict.of(verdict.result());
        }
        // thinking models bill their thoughts as output: count them with the candidates
        JsonNode usage = json.get("usageMetadata");
        TokenUsage counted = usage == null || !usage.isObject() ? TokenUsage.NONE
                : new TokenUsage(TokenUsage.first(usage, "promptTokenCount"),
                        TokenUsage.first(usage, "candidatesTokenCount") + TokenUsage.first(usage, "thoughtsTokenCount"));
        return new Verdict(verdict.result(), counted);
    }

    /** Chat and text deployments generate, embedding ones embed; everything else (and wildcards) is listed. */
    private static CallKind route(ProviderEndpoint endpoint, ProbeMode mode) {
        return switch (CallKind.of(endpoint, mode)) {
            case CHAT, TEXT -> CallKind.CHAT;
            case EMBEDDING -> CallKind.EMBEDDING;
            default -> CallKind.LIST;
        };
    }

    private static String generateBody(ProviderEndpoint endpoint) {
        ObjectNode body = ProbeJson.object();
        body.putArray("contents").addObject().put("role", "user").putArray("parts").addObject().put("text", ProbeCall.PING);
        body.putObject("generationConfig").put("maxOutputTokens", endpoint.maxTokens());
        return ProbeJson.write(body);
    }

    private static String embedBody(ProviderEndpoint endpoint) {
        ObjectNode body = ProbeJson.object().put("model", "models/" + bareModel(endpoint.model()));
        body.putObject("content").putArray("parts").addObject().put("text", ProbeCall.PING);
        return ProbeJson.write(body);
    }

    /** {@code models/gemini-2.0-flash} and {@code gemini-2.0-flash} name the same model. */
    private static String bareModel(String model) {
        return model.startsWith("models/") ? model.substring("models/".length()) : model;
    }

    private static String modelPath(String model) {
        return URLEncoder.encode(bareModel(model), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** LiteLLM's default is the bare host; configs also write {@code .../v1beta} or {@code .../v1}. */
    static String serviceRoot(String apiBase) {
        for (String suffix : new String[] {API_VERSION, "/v1"}) {
            if (apiBase.endsWith(suffix)) {
                return apiBase.substring(0, apiBase.length() - suffix.length());
            }
        }
        return apiBase;
    }
}
