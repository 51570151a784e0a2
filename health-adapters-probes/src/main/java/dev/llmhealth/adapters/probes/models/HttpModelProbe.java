package dev.llmhealth.adapters.probes.models;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.ModelProbe;
import dev.llmhealth.domain.port.out.ProbeSpend;
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
 * What every provider family's probe shares: find the deployment's endpoint, send the one request
 * its family chose, bounded by the timeout body included, turn a failure into a classified,
 * redacted result, and count the tokens a completion probe spent. A family only says which request
 * proves health and what the answer means.
 */
abstract class HttpModelProbe implements ModelProbe, AutoCloseable {

    private final Map<String, ProviderEndpoint> endpoints;
    private final SecretRedactor redactor;
    private final HttpClient http;
    private final boolean ownsClient;
    private final ProbeSpend spend;

    HttpModelProbe(Map<String, ProviderEndpoint> endpoints, SecretRedactor redactor, HttpClient http, boolean ownsClient,
                   ProbeSpend spend) {
        this.endpoints = Map.copyOf(endpoints);
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.http = Objects.requireNonNull(http, "http");
        this.ownsClient = ownsClient;
        this.spend = Objects.requireNonNull(spend, "spend");
    }

    /** The request (method, URL, headers, body) that proves what the probe mode promises; the timeout is added here. */
    abstract HttpRequest.Builder request(ProviderEndpoint endpoint, ProbeMode mode);

    /** What the provider's answer means; a healthy completion probe also says what it used. */
    abstract Verdict interpret(ProviderEndpoint endpoint, ProbeMode mode, ProbeAnswer answer, MessageCleaner cleaner);

    @Override
    public final ProbeResult probe(Deployment deployment, Duration timeout) {
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
            HttpRequest request = request(endpoint, deployment.probeMode()).timeout(timeout).build();
            return switch (send(request, timeout, cleaner)) {
                case Sent.Failed failed -> failed.result();
                case Sent.Answered answered -> judged(deployment, endpoint, answered.answer(), cleaner);
            };
        } catch (IllegalArgumentException badUrl) {
            // URI's message quotes the URL, which may hold credentials
            return ProbeResult.unhealthy(ErrorKind.UNKNOWN, "invalid api_base URL");
        } catch (RuntimeException unexpected) {
            return ProbeResult.unhealthy(ErrorKind.UNKNOWN, "probe failed (" + unexpected.getClass().getSimpleName() + ")");
        }
    }

    private ProbeResult judged(Deployment deployment, ProviderEndpoint endpoint, ProbeAnswer answer, MessageCleaner cleaner) {
        Verdict verdict = interpret(endpoint, deployment.probeMode(), answer, cleaner);
        TokenUsage used = verdict.usage();
        if (used.any()) {
            spend.probeSpent(deployment, used.inputTokens(), used.outputTokens(), endpoint.cost(used.inputTokens(), used.outputTokens()));
        }
        return verdict.result();
    }

    /** An answer, or the classified reason there is none. */
    private sealed interface Sent {
        record Answered(ProbeAnswer answer) implements Sent {
        }

        record Failed(ProbeResult result) implements Sent {
        }
    }

    private Sent send(HttpRequest request, Duration timeout, MessageCleaner cleaner) {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<CappedBody>> response = http.sendAsync(request, CappedBody.handler(OpenAiCompatibleModelProbe.MAX_BODY_BYTES));
        try {
            // bounds the whole exchange, body included; the request timeout alone stops at the headers
            HttpResponse<CappedBody> answer = response.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Sent.Answered(new ProbeAnswer(answer.statusCode(), answer.body(), Duration.ofNanos(System.nanoTime() - start)));
        } catch (TimeoutException late) {
            response.cancel(true);
            return new Sent.Failed(ProbeOutcomes.timedOut(timeout));
        } catch (ExecutionException failed) {
            return new Sent.Failed(ProbeOutcomes.fromFailure(failed.getCause(), timeout, request.uri().getHost(), cleaner));
        } catch (InterruptedException interrupted) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            return new Sent.Failed(ProbeResult.unhealthy(ErrorKind.UNKNOWN, "probe interrupted"));
        }
    }

    /** {@code base + path}, e.g. {@code https://api.openai.com/v1} and {@code /models}. */
    static URI uri(String base, String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    static HttpRequest.Builder jsonPost(URI uri, String body) {
        return HttpRequest.newBuilder(uri)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** {@code apiBase} without the first of {@code suffixes} it ends in: configs often name an endpoint where the service root goes. */
    static String withoutEndpointSuffix(String apiBase, String... suffixes) {
        for (String suffix : suffixes) {
            if (apiBase.endsWith(suffix)) {
                return apiBase.substring(0, apiBase.length() - suffix.length());
            }
        }
        return apiBase;
    }

    /** The key as a bearer token, when the deployment has one (most families want it so). */
    static HttpRequest.Builder withBearerKey(HttpRequest.Builder request, ProviderEndpoint endpoint) {
        if (endpoint.hasApiKey()) {
            request.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        return request;
    }

    static HttpRequest.Builder jsonGet(URI uri) {
        return HttpRequest.newBuilder(uri).header("Accept", "application/json").GET();
    }

    /** Closes the client only when this probe built it; abandons calls still in flight. */
    @Override
    public void close() {
        if (ownsClient) {
            http.shutdownNow();
        }
    }
}
