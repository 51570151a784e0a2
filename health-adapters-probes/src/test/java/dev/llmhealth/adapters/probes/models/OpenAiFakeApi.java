package dev.llmhealth.adapters.probes.models;

/**
 * OpenAI's API and the OpenAI-compatible ones (Mistral, Groq, DeepSeek, xAI, OpenRouter, Together,
 * Fireworks, Perplexity, Cerebras, a LiteLLM proxy): bearer key, OpenAI's error object, each
 * success body with the usage fields the real call reports. OpenRouter's {@code /models} is public
 * and {@code /key} describes the key, as on openrouter.ai.
 */
final class OpenAiFakeApi implements FakeApi {

    static final long[] CHAT_USAGE = {6, 3};
    static final long[] RESPONSES_USAGE = {8, 16};
    static final long RERANK_TOTAL_TOKENS = 5;

    @Override
    public String success(FakeProvider.Request request) {
        String path = request.path();
        boolean get = request.method().equals("GET");
        if (get && path.endsWith("/models")) {
            return "{\"object\":\"list\",\"data\":[{\"id\":\"some-model\",\"object\":\"model\",\"owned_by\":\"someone\"}]}";
        }
        if (get && path.endsWith("/key")) {
            return "{\"data\":{\"label\":\"sk-or-v1-abc...xyz\",\"usage\":0.25,\"limit\":null,\"is_free_tier\":false}}";
        }
        if (get) {
            return null;
        }
        if (path.endsWith("/chat/completions") || path.endsWith("/completions")) {
            return "{\"id\":\"cmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"pong\"},"
                    + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":" + CHAT_USAGE[0] + ",\"completion_tokens\":" + CHAT_USAGE[1]
                    + ",\"total_tokens\":" + (CHAT_USAGE[0] + CHAT_USAGE[1]) + "}}";
        }
        if (path.endsWith("/embeddings")) {
            return "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,0.2]}],"
                    + "\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}";
        }
        if (path.endsWith("/moderations")) {
            return "{\"id\":\"modr-1\",\"model\":\"omni-moderation-latest\",\"results\":[{\"flagged\":false,\"categories\":{}}]}";
        }
        if (path.endsWith("/rerank")) {
            return "{\"id\":\"rerank-1\",\"results\":[{\"index\":0,\"relevance_score\":0.42}],\"usage\":{\"total_tokens\":" + RERANK_TOTAL_TOKENS + "}}";
        }
        if (path.endsWith("/responses")) {
            return "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"incomplete\",\"error\":null,\"output\":[],"
                    + "\"usage\":{\"input_tokens\":" + RESPONSES_USAGE[0] + ",\"output_tokens\":" + RESPONSES_USAGE[1] + ",\"total_tokens\":24}}";
        }
        return null;
    }

    @Override
    public boolean needsKey(FakeProvider.Request request) {
        // OpenRouter lists its models to anyone; a listing there proves nothing about the key
        return !(request.method().equals("GET") && request.path().endsWith("/api/v1/models"));
    }

    @Override
    public String presentedKey(FakeProvider.Request request) {
        return FakeApi.bearer(request);
    }

    @Override
    public Reply refusedKey() {
        return FakeApi.json(401, "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":\"invalid_api_key\"}}");
    }

    @Override
    public Reply modelNotFound() {
        return FakeApi.json(404, "{\"error\":{\"message\":\"The model `no-such-model` does not exist or you do not have access to it.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}");
    }

    @Override
    public Reply error(int status, String message) {
        return FakeApi.json(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
    }
}
