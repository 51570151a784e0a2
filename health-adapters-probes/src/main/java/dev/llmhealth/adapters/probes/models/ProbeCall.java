package dev.llmhealth.adapters.probes.models;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmhealth.domain.model.ProbeMode;
import java.util.Locale;

/**
 * The one request an OpenAI-style probe sends: the cheapest call that proves what the probe mode
 * promises ({@link CallKind}). Shared by OpenAI-compatible servers and Azure OpenAI (whose URL
 * names the deployment, so its bodies carry no model, and which serves no moderation, rerank or
 * Responses call on a deployment: those are listed).
 *
 * @param path the path under the base URL, e.g. {@code /chat/completions}
 * @param body null for the listing GET
 */
record ProbeCall(String path, String body) {

    static final String PING = "ping";
    /** OpenAI's Responses API refuses a {@code max_output_tokens} below 16 ("integer below minimum value"). */
    static final int RESPONSES_MIN_OUTPUT_TOKENS = 16;

    static ProbeCall of(ProviderEndpoint endpoint, ProbeMode probeMode) {
        return of(endpoint, probeMode, true);
    }

    /** @param withModel false for Azure, where the deployment in the URL picks the model */
    static ProbeCall of(ProviderEndpoint endpoint, ProbeMode probeMode, boolean withModel) {
        CallKind kind = CallKind.of(endpoint, probeMode);
        ObjectNode body = ProbeJson.object();
        if (withModel) {
            body.put("model", OpenAiDialect.upstreamModel(endpoint));
        }
        return switch (kind) {
            case CHAT -> {
                body.putArray("messages").addObject().put("role", "user").put("content", PING);
                body.put(tokenLimitParameter(endpoint.model()), endpoint.maxTokens());
                yield new ProbeCall("/chat/completions", ProbeJson.write(body));
            }
            case TEXT -> {
                body.put("prompt", PING).put("max_tokens", endpoint.maxTokens());
                yield new ProbeCall("/completions", ProbeJson.write(body));
            }
            // embeddings take no chat parameters: some providers reject unknown ones
            case EMBEDDING -> new ProbeCall("/embeddings", ProbeJson.write(body.put("input", PING)));
            case MODERATION -> withModel ? new ProbeCall("/moderations", ProbeJson.write(body.put("input", PING))) : listModels(endpoint);
            // the Cohere-style rerank vLLM, Jina, Together and LiteLLM serve: one query, one document, one result
            case RERANK -> withModel ? rerank(body) : listModels(endpoint);
            case RESPONSES -> withModel ? responses(endpoint, body) : listModels(endpoint);
            case LIST -> listModels(endpoint);
        };
    }

    private static ProbeCall rerank(ObjectNode body) {
        body.put("query", PING);
        body.putArray("documents").add("pong");
        body.put("top_n", 1);
        return new ProbeCall("/rerank", ProbeJson.write(body));
    }

    private static ProbeCall responses(ProviderEndpoint endpoint, ObjectNode body) {
        body.put("input", PING).put("max_output_tokens", Math.max(RESPONSES_MIN_OUTPUT_TOKENS, endpoint.maxTokens()));
        return new ProbeCall("/responses", ProbeJson.write(body));
    }

    private static ProbeCall listModels(ProviderEndpoint endpoint) {
        return new ProbeCall(OpenAiDialect.listingPath(endpoint), null);
    }

    /** OpenAI's reasoning models reject {@code max_tokens} and want {@code max_completion_tokens}. */
    static String tokenLimitParameter(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        boolean reasoning = name.startsWith("o1") || name.startsWith("o3") || name.startsWith("o4") || name.startsWith("gpt-5");
        return reasoning ? "max_completion_tokens" : "max_tokens";
    }
}
