package dev.llmhealth.adapters.http.passthrough;

/** The OpenAI API calls the pass-through forwards, and where each lives under a deployment's api_base. */
enum ApiCall {
    CHAT_COMPLETIONS("/chat/completions"),
    EMBEDDINGS("/embeddings");

    private final String path;

    ApiCall(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }
}
