package dev.llmhealth.adapters.http.passthrough;

/**
 * Where and how the pass-through calls one deployment. Holds its key, so it never leaves this
 * package and {@link #toString()} hides it.
 *
 * @param baseUrl the OpenAI API root, e.g. {@code https://api.openai.com/v1}, without a trailing slash
 */
record UpstreamTarget(String deploymentId, String baseUrl, UpstreamDeployment entry) {

    static UpstreamTarget of(UpstreamDeployment deployment) {
        return new UpstreamTarget(deployment.id(), deployment.baseUrl().replaceAll("/+$", ""), deployment);
    }

    java.util.Optional<String> apiKey() {
        return entry.apiKey();
    }

    String url(ApiCall call) {
        return baseUrl + call.path();
    }

    @Override
    public String toString() {
        return "UpstreamTarget[" + deploymentId + " " + baseUrl + (entry.apiKey().isPresent() ? " with key ***" : "") + "]";
    }
}
