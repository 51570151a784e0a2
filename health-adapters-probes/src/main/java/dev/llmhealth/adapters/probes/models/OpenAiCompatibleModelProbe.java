package dev.llmhealth.adapters.probes.models;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.ProbeSpend;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

/**
 * Probes OpenAI and OpenAI-compatible servers (vLLM, LM Studio, llama.cpp, Groq, Mistral, DeepSeek, xAI,
 * OpenRouter, Together, Fireworks, Perplexity, Cerebras, another LiteLLM proxy, ...): the listing in
 * {@code models} mode (and for wildcards), in {@code completion} mode the cheap call that fits the
 * deployment's mode ({@link CallKind}: chat, text, embedding, moderation, rerank, Responses), with the
 * key as a bearer token; the providers' quirks are in {@link OpenAiDialect}. Each call is abandoned at its timeout; every failure becomes a
 * classified, redacted result.
 */
public final class OpenAiCompatibleModelProbe extends HttpModelProbe {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Enough for any error message and for most model lists; a longer list is only checked to start like JSON. */
    static final int MAX_BODY_BYTES = 1 << 20;

    /** With a client of its own: HTTP/1.1, no redirects, system proxy settings. */
    public OpenAiCompatibleModelProbe(Map<String, ProviderEndpoint> endpointsByDeploymentId, SecretRedactor redactor) {
        super(endpointsByDeploymentId, redactor, httpClientBuilder().build(), true, ProbeSpend.NONE);
    }

    /** With the caller's client (e.g. one from {@link OutboundHttp}); the caller closes it. */
    public OpenAiCompatibleModelProbe(Map<String, ProviderEndpoint> endpointsByDeploymentId, SecretRedactor redactor, HttpClient http) {
        this(endpointsByDeploymentId, redactor, http, ProbeSpend.NONE);
    }

    /** With the caller's client, counting what completion probes spend. */
    public OpenAiCompatibleModelProbe(Map<String, ProviderEndpoint> endpointsByDeploymentId, SecretRedactor redactor, HttpClient http,
                                      ProbeSpend spend) {
        super(endpointsByDeploymentId, redactor, http, false, spend);
    }

    /**
     * The client settings probes want: HTTP/1.1 (simplest for every OpenAI-compatible server), a
     * redirect is reported rather than followed (it would resend the key to another place), and a
     * bounded connect. Add a proxy or an {@code SSLContext} before {@code build()}.
     */
    public static HttpClient.Builder httpClientBuilder() {
        return HttpClient.newBuilder()
                // responses are handled on virtual threads, not a pool of dozens of platform worker threads
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT);
    }

    @Override
    HttpRequest.Builder request(ProviderEndpoint endpoint, ProbeMode mode) {
        ProbeCall call = ProbeCall.of(endpoint, mode);
        String base = OpenAiDialect.base(endpoint);
        HttpRequest.Builder request = call.body() == null
                ? jsonGet(uri(base, call.path()))
                : jsonPost(uri(base, call.path()), call.body());
        return withBearerKey(request, endpoint);
    }

    @Override
    Verdict interpret(ProviderEndpoint endpoint, ProbeMode mode, ProbeAnswer answer, MessageCleaner cleaner) {
        return openAiVerdict(answer, cleaner);
    }

    /**
     * OpenAI's answer shapes, shared with Azure OpenAI: usage in {@code usage.prompt_tokens} and
     * {@code usage.completion_tokens} (chat, text, embeddings), {@code usage.input_tokens} and
     * {@code usage.output_tokens} (Responses API), or only {@code usage.total_tokens} (rerank servers).
     */
    static Verdict openAiVerdict(ProbeAnswer answer, MessageCleaner cleaner) {
        ProbeOutcomes.JsonVerdict verdict = ProbeOutcomes.fromJsonResponse(answer.status(), answer.body(), answer.latency(), cleaner);
        JsonNode json = verdict.json();
        return new Verdict(verdict.result(), json == null ? TokenUsage.NONE : TokenUsage.readOpenAiStyle(json.get("usage")));
    }
}
