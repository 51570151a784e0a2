package dev.llmhealth.adapters.probes.models;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.ModelProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes OpenAI and OpenAI-compatible servers (vLLM, LM Studio, llama.cpp, ...): {@code GET /models}
 * in {@code models} mode, a few-token chat, text or embedding call in {@code completion} mode. Each
 * call is abandoned at its timeout; every failure becomes a classified, redacted result.
 */
public final class OpenAiCompatibleModelProbe implements ModelProbe, AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Enough for any error message and for most model lists; a longer list is only checked to start like JSON. */
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final Map<String, ProviderEndpoint> endpoints;
    private final SecretRedactor redactor;
    private final HttpClient http;
    private final boolean ownsClient;

    /** With a client of its own: HTTP/1.1, no redirects, system proxy settings. */
    public OpenAiCompatibleModelProbe(Map<String, ProviderEndpoint> endpointsByDeploymentId, SecretRedactor redactor) {
        this(endpointsByDeploymentId, redactor, httpClientBuilder().build(), true);
    }

    /** With the caller's client (e.g. one with a proxy or a custom CA from {@link #httpClientBuilder()}); the caller closes it. */
    public OpenAiCompatibleModelProbe(Map<String, ProviderEndpoint> endpointsByDeploymentId, SecretRedactor redactor, HttpClient http) {
        this(endpointsByDeploymentId, redactor, http, false);
    }

    private OpenAiCompatibleModelProbe(Map<String, ProviderEndpoint> endpoints, SecretRedactor redactor, HttpClient http, boolean ownsClient) {
        this.endpoints = Map.copyOf(endpoints);
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.http = Objects.requireNonNull(http, "http");
        this.ownsClient = ownsClient;
    }

    /**
     * The client settings probes want: HTTP/1.1 (simplest for every OpenAI-compatible server), a
     * redirect is reported rather than followed (it would resend the key to another place), and a
     * bounded connect. Add a proxy or an {@code SSLContext} before {@code build()}.
     */
    public static HttpClient.Builder httpClientBuilder() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT);
    }

    @Override
    public ProbeResult probe(Deployment deployment, Duration timeout) {
        ProviderEndpoint endpoint = endpoints.get(deployment.id());
        if (endpoint == null) {
            return ProbeResult.unhealthy(ErrorKind.UNKNOWN, "no provider endpoint configured");
        }
        if (deployment.probeMode() == ProbeMode.NONE) {
            return ProbeResult.unhealthy(ErrorKind.UNKNOWN, "not probed: probe mode is none");
        }
        if (!timeout.isPositive()) {
            return ProbeResult.unhealthy(ErrorKind.TIMEOUT, "no time left for the probe");
        }
        MessageCleaner cleaner = new MessageCleaner(redactor, endpoint.apiKey());
        try {
            HttpRequest request = request(endpoint, ProbeCall.of(endpoint, deployment.probeMode()), timeout);
            return send(request, timeout, cleaner);
        } catch (IllegalArgumentException badUrl) {
            return ProbeResult.unhealthy(ErrorKind.UNKNOWN, "invalid api_base URL");
        } catch (RuntimeException unexpected) {
            return ProbeResult.unhealthy(ErrorKind.UNKNOWN, "probe failed (" + unexpected.getClass().getSimpleName() + ")");
        }
    }

    private static HttpRequest request(ProviderEndpoint endpoint, ProbeCall call, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.apiBase() + call.path()))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (endpoint.hasApiKey()) {
            request.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        if (call.body() == null) {
            return request.GET().build();
        }
        return request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call.body()))
                .build();
    }

    private ProbeResult send(HttpRequest request, Duration timeout, MessageCleaner cleaner) {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<CappedBody>> response = http.sendAsync(request, CappedBody.handler(MAX_BODY_BYTES));
        try {
            // bounds the whole exchange, body included; the request timeout alone stops at the headers
            HttpResponse<CappedBody> answer = response.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            return ProbeOutcomes.fromResponse(answer.statusCode(), answer.body(), latency, cleaner);
        } catch (TimeoutException late) {
            response.cancel(true);
            return ProbeOutcomes.timedOut(timeout);
        } catch (ExecutionException failed) {
            return ProbeOutcomes.fromFailure(failed.getCause(), timeout, request.uri().getHost(), cleaner);
        } catch (InterruptedException interrupted) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy(ErrorKind.UNKNOWN, "probe interrupted");
        }
    }

    /** Closes the client only when this probe built it; abandons calls still in flight. */
    @Override
    public void close() {
        if (ownsClient) {
            http.shutdownNow();
        }
    }
}
