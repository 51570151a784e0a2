package dev.llmhealth.adapters.probes.models;

/**
 * How one provider's API reads its key and shapes its answers, for {@link ApiFake}. The bodies
 * follow each provider's API reference: OpenAI's {@code {"error":{"message","type","code"}}},
 * Google's {@code {"error":{"code","message","status"}}}, Cohere's {@code {"message"}}.
 */
interface FakeApi {

    record Reply(int status, String contentType, String body) {
    }

    /** The success body for this request's path, or null when the API has no such route (a 404). */
    String success(FakeProvider.Request request);

    /** The key as this API reads it (a header), or null when none was sent. */
    String presentedKey(FakeProvider.Request request);

    /** What the API answers to a missing or wrong key. */
    Reply refusedKey();

    /** What it answers when the model in the request does not exist. */
    Reply modelNotFound();

    /** Any other failure in its error shape. */
    Reply error(int status, String message);

    /** Whether this route checks the key (OpenRouter's model list, for one, is public). */
    default boolean needsKey(FakeProvider.Request request) {
        return true;
    }

    static String bearer(FakeProvider.Request request) {
        String authorization = request.authorization();
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring("Bearer ".length()) : null;
    }

    static Reply json(int status, String body) {
        return new Reply(status, "application/json", body);
    }
}
