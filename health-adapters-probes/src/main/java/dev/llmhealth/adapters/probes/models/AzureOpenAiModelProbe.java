package dev.llmhealth.adapters.probes.models;

import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.ProbeSpend;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Probes Azure OpenAI ({@code azure/<deployment>}): {@code GET {api_base}/openai/models?api-version=...}
 * in {@code models} mode (reachability and the key), and in {@code completion} mode a few-token call
 * to {@code {api_base}/openai/deployments/{deployment}/chat/completions?api-version=...} (or
 * {@code /embeddings}, {@code /completions} by {@code model_info.mode}). The key goes in the
 * {@code api-key} header; answers have OpenAI's shapes.
 */
public final class AzureOpenAiModelProbe extends HttpModelProbe {

    /** Used when the deployment names no {@code api_version}: a GA data-plane version that knows {@code max_completion_tokens}. */
    public static final String DEFAULT_API_VERSION = "2024-10-21";

    /** With the caller's client; the caller closes it. */
    public AzureOpenAiModelProbe(Map<String, ProviderEndpoint> endpointsByDeploymentId, SecretRedactor redactor, HttpClient http,
                                 ProbeSpend spend) {
        super(endpointsByDeploymentId, redactor, http, false, spend);
    }

    @Override
    HttpRequest.Builder request(ProviderEndpoint endpoint, ProbeMode mode) {
        String base = resourceBase(endpoint.apiBase());
        String version = "?api-version=" + encode(endpoint.apiVersion().isEmpty() ? DEFAULT_API_VERSION : endpoint.apiVersion());
        ProbeCall call = ProbeCall.of(endpoint, mode, false);
        HttpRequest.Builder request = call.body() == null
                ? jsonGet(uri(base, "/openai/models" + version))
                : jsonPost(uri(base, "/openai/deployments/" + encode(endpoint.model()) + call.path() + version), call.body());
        if (endpoint.hasApiKey()) {
            request.header("api-key", endpoint.apiKey());
        }
        return request;
    }

    @Override
    Verdict interpret(ProviderEndpoint endpoint, ProbeMode mode, ProbeAnswer answer, MessageCleaner cleaner) {
        return OpenAiCompatibleModelProbe.openAiVerdict(answer, cleaner);
    }

    /** The resource URL, e.g. {@code https://my-resource.openai.azure.com}, also when the config wrote {@code .../openai}. */
    static String resourceBase(String apiBase) {
        return apiBase.endsWith("/openai") ? apiBase.substring(0, apiBase.length() - "/openai".length()) : apiBase;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
