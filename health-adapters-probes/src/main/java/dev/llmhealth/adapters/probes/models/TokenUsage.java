package dev.llmhealth.adapters.probes.models;

import com.fasterxml.jackson.databind.JsonNode;

/** The tokens one completion probe used, as the provider counted them. */
record TokenUsage(long inputTokens, long outputTokens) {

    static final TokenUsage NONE = new TokenUsage(0, 0);

    TokenUsage {
        inputTokens = Math.max(0, inputTokens);
        outputTokens = Math.max(0, outputTokens);
    }

    boolean any() {
        return inputTokens > 0 || outputTokens > 0;
    }

    /** Two counts in {@code holder} (e.g. {@code usage.prompt_tokens}); a missing or odd one counts 0. */
    static TokenUsage read(JsonNode holder, String inputField, String outputField) {
        if (holder == null || !holder.isObject()) {
            return NONE;
        }
        return new TokenUsage(count(holder.get(inputField)), count(holder.get(outputField)));
    }

    private static long count(JsonNode value) {
        return value != null && value.canConvertToLong() && value.isIntegralNumber() ? value.asLong() : 0;
    }
}
