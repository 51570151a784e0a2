package dev.llmhealth.adapters.probes.models;

/**
 * Google AI Studio's Gemini API (generativelanguage.googleapis.com): the key in
 * {@code x-goog-api-key}, a bad key refused with 400 INVALID_ARGUMENT / API_KEY_INVALID, errors as
 * {@code {"error":{"code","message","status"}}}, usage in {@code usageMetadata}.
 */
final class GeminiFakeApi implements FakeApi {

    static final long PROMPT_TOKENS = 3;
    static final long CANDIDATE_TOKENS = 1;
    static final long THOUGHT_TOKENS = 4;

    @Override
    public String success(FakeProvider.Request request) {
        String path = request.path();
        if (request.method().equals("GET") && path.endsWith("/v1beta/models")) {
            return "{\"models\":[{\"name\":\"models/gemini-2.0-flash\",\"displayName\":\"Gemini 2.0 Flash\","
                    + "\"supportedGenerationMethods\":[\"generateContent\",\"countTokens\"]}],\"nextPageToken\":\"abc\"}";
        }
        if (request.method().equals("POST") && path.endsWith(":generateContent")) {
            return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"pong\"}],\"role\":\"model\"},\"finishReason\":\"MAX_TOKENS\"}],"
                    + "\"usageMetadata\":{\"promptTokenCount\":" + PROMPT_TOKENS + ",\"candidatesTokenCount\":" + CANDIDATE_TOKENS
                    + ",\"thoughtsTokenCount\":" + THOUGHT_TOKENS + ",\"totalTokenCount\":8},\"modelVersion\":\"gemini-2.0-flash\"}";
        }
        if (request.method().equals("POST") && path.endsWith(":embedContent")) {
            return "{\"embedding\":{\"values\":[0.013,-0.008]}}";
        }
        return null;
    }

    @Override
    public String presentedKey(FakeProvider.Request request) {
        return request.header("x-goog-api-key");
    }

    @Override
    public Reply refusedKey() {
        return FakeApi.json(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\","
                + "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                + "\"reason\":\"API_KEY_INVALID\",\"domain\":\"googleapis.com\"}]}}");
    }

    @Override
    public Reply modelNotFound() {
        return FakeApi.json(404, "{\"error\":{\"code\":404,\"message\":\"models/gemini-9 is not found for API version v1beta, "
                + "or is not supported for generateContent.\",\"status\":\"NOT_FOUND\"}}");
    }

    @Override
    public Reply error(int status, String message) {
        String code = status == 429 ? "RESOURCE_EXHAUSTED" : status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
        return FakeApi.json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\"" + code + "\"}}");
    }
}
