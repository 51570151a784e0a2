package dev.llmhealth.adapters.http.passthrough;

import com.fasterxml.jackson.databind.JsonNode;

/** The token counts an upstream reported in an OpenAI {@code usage} object; 0 for what it left out. */
record TokenUsage(long inputTokens, long outputTokens) {

    static final TokenUsage NONE = new TokenUsage(0, 0);

    /** From a whole answer, or from one streamed chunk; {@link #NONE} when it carries no usage. */
    static TokenUsage of(JsonNode answer) {
        JsonNode usage = answer.path("usage");
        if (!usage.isObject()) {
            return NONE;
        }
        return new TokenUsage(count(usage.path("prompt_tokens")), count(usage.path("completion_tokens")));
    }

    boolean reported() {
        return inputTokens > 0 || outputTokens > 0;
    }

    private static long count(JsonNode value) {
        return value.canConvertToLong() && value.asLong() > 0 ? value.asLong() : 0;
    }
}
