package dev.llmhealth.adapters.probes.models;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmhealth.domain.model.ProbeMode;
import java.util.Locale;

/**
 * The one request an OpenAI-style probe sends: the cheapest call that proves what the probe mode
 * promises. Shared by OpenAI-compatible servers and Azure OpenAI (whose URL names the deployment,
 * so its bodies carry no model).
 *
 * @param path the path under the base URL, e.g. {@code /chat/completions}
 * @param body null for a GET
 */
record ProbeCall(String path, String body) {

    static final String PING = "ping";

    static ProbeCall of(ProviderEndpoint endpoint, ProbeMode probeMode) {
        return of(endpoint, probeMode, true);
    }

    /** @param withModel false for Azure, where the deployment in the URL picks the model */
    static ProbeCall of(ProviderEndpoint endpoint, ProbeMode probeMode, boolean withModel) {
        if (probeMode != ProbeMode.COMPLETION) {
            return listModels();
        }
        ObjectNode body = ProbeJson.object();
        if (withModel) {
            body.put("model", endpoint.model());
        }
        return switch (effectiveMode(endpoint)) {
            case "chat" -> {
                body.putArray("messages").addObject().put("role", "user").put("content", PING);
                body.put(tokenLimitParameter(endpoint.model()), endpoint.maxTokens());
                yield new ProbeCall("/chat/completions", ProbeJson.write(body));
            }
            case "completion" -> {
                body.put("prompt", PING).put("max_tokens", endpoint.maxTokens());
                yield new ProbeCall("/completions", ProbeJson.write(body));
            }
            // embeddings take no chat parameters: some providers reject unknown ones
            case "embedding" -> new ProbeCall("/embeddings", ProbeJson.write(body.put("input", PING)));
            // image, audio, rerank...: a real call would be costly or need inputs; the listing still proves reachability and auth
            default -> listModels();
        };
    }

    /** {@code text-completion-openai/...} and {@code azure_text/...} speak the legacy completions API. */
    static String effectiveMode(ProviderEndpoint endpoint) {
        boolean textCompletion = endpoint.provider().startsWith("text-completion") || endpoint.provider().equals("azure_text");
        return textCompletion && endpoint.mode().equals("chat") ? "completion" : endpoint.mode();
    }

    private static ProbeCall listModels() {
        return new ProbeCall("/models", null);
    }

    /** OpenAI's reasoning models reject {@code max_tokens} and want {@code max_completion_tokens}. */
    static String tokenLimitParameter(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        boolean reasoning = name.startsWith("o1") || name.startsWith("o3") || name.startsWith("o4") || name.startsWith("gpt-5");
        return reasoning ? "max_completion_tokens" : "max_tokens";
    }
}
