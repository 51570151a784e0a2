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

    /**
     * An OpenAI-style {@code usage} object: {@code prompt_tokens}/{@code completion_tokens}, or the
     * Responses API's {@code input_tokens}/{@code output_tokens}; with neither input count, a lone
     * {@code total_tokens} (what rerank servers report) counts as input.
     */
    static TokenUsage readOpenAiStyle(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        long input = first(usage, "prompt_tokens", "input_tokens", "total_tokens");
        long output = first(usage, "completion_tokens", "output_tokens");
        return new TokenUsage(input, output);
    }

    /** The first of {@code fields} that holds a count. */
    static long first(JsonNode holder, String... fields) {
        for (String field : fields) {
            JsonNode value = holder.get(field);
            if (value != null && value.isIntegralNumber()) {
                return count(value);
            }
        }
        return 0;
    }

    private static long count(JsonNode value) {
        return value != null && value.canConvertToLong() && value.isIntegralNumber() ? value.asLong() : 0;
    }
}
