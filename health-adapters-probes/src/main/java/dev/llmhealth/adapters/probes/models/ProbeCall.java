package dev.llmhealth.adapters.probes.models;

import dev.llmhealth.domain.model.ProbeMode;
import java.util.Locale;

/**
 * The one request a probe sends: the cheapest call that proves what the probe mode promises.
 *
 * @param body null for a GET
 */
record ProbeCall(String method, String path, String body) {

    static ProbeCall of(ProviderEndpoint endpoint, ProbeMode probeMode) {
        if (probeMode != ProbeMode.COMPLETION) {
            return listModels();
        }
        String model = MinimalJson.quote(endpoint.model());
        return switch (endpoint.mode()) {
            case "chat" -> new ProbeCall("POST", "/chat/completions", "{\"model\":" + model
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}],\""
                    + tokenLimitParameter(endpoint.model()) + "\":" + endpoint.maxTokens() + "}");
            case "completion" -> new ProbeCall("POST", "/completions", "{\"model\":" + model
                    + ",\"prompt\":\"ping\",\"max_tokens\":" + endpoint.maxTokens() + "}");
            // embeddings take no chat parameters: some providers reject unknown ones
            case "embedding" -> new ProbeCall("POST", "/embeddings", "{\"model\":" + model + ",\"input\":\"ping\"}");
            // image, audio, rerank...: a real call would be costly or need inputs; the listing still proves reachability and auth
            default -> listModels();
        };
    }

    private static ProbeCall listModels() {
        return new ProbeCall("GET", "/models", null);
    }

    /** OpenAI's reasoning models reject {@code max_tokens} and want {@code max_completion_tokens}. */
    static String tokenLimitParameter(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        boolean reasoning = name.startsWith("o1") || name.startsWith("o3") || name.startsWith("o4") || name.startsWith("gpt-5");
        return reasoning ? "max_completion_tokens" : "max_tokens";
    }
}
