package dev.llmhealth.adapters.probes.models;

/**
 * Cohere's API (api.cohere.com): bearer key, errors as {@code {"id","message"}} (401 "invalid api
 * token"), v2 chat usage in {@code usage.billed_units} and {@code usage.tokens}, embed usage in
 * {@code meta.billed_units}, rerank billed in search units.
 */
final class CohereFakeApi implements FakeApi {

    static final long[] BILLED_CHAT = {2, 3};
    static final long BILLED_EMBED_INPUT = 1;

    @Override
    public String success(FakeProvider.Request request) {
        String path = request.path();
        if (request.method().equals("GET") && path.endsWith("/v1/models")) {
            return "{\"models\":[{\"name\":\"command-r7b-12-2024\",\"endpoints\":[\"chat\"]}],\"next_page_token\":\"x\"}";
        }
        if (!request.method().equals("POST")) {
            return null;
        }
        return switch (path.substring(path.lastIndexOf("/v2/") + 1)) {
            case "v2/chat" -> "{\"id\":\"c-1\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"pong\"}]},"
                    + "\"finish_reason\":\"MAX_TOKENS\",\"usage\":{\"billed_units\":{\"input_tokens\":" + BILLED_CHAT[0] + ",\"output_tokens\":"
                    + BILLED_CHAT[1] + "},\"tokens\":{\"input_tokens\":70,\"output_tokens\":3}}}";
            case "v2/embed" -> "{\"id\":\"e-1\",\"embeddings\":{\"float\":[[0.1,0.2]]},\"texts\":[\"ping\"],"
                    + "\"meta\":{\"api_version\":{\"version\":\"2\"},\"billed_units\":{\"input_tokens\":" + BILLED_EMBED_INPUT + "}}}";
            case "v2/rerank" -> "{\"id\":\"r-1\",\"results\":[{\"index\":0,\"relevance_score\":0.5}],"
                    + "\"meta\":{\"api_version\":{\"version\":\"2\"},\"billed_units\":{\"search_units\":1}}}";
            default -> null;
        };
    }

    @Override
    public String presentedKey(FakeProvider.Request request) {
        return FakeApi.bearer(request);
    }

    @Override
    public Reply refusedKey() {
        return FakeApi.json(401, "{\"id\":\"5a1e0c1e\",\"message\":\"invalid api token\"}");
    }

    @Override
    public Reply modelNotFound() {
        return FakeApi.json(404, "{\"id\":\"5a1e0c1f\",\"message\":\"model 'command-x' not found, make sure the correct model ID was used "
                + "and that you have access to the model.\"}");
    }

    @Override
    public Reply error(int status, String message) {
        return FakeApi.json(status, "{\"id\":\"5a1e0c20\",\"message\":\"" + message + "\"}");
    }
}
