package dev.llmhealth.adapters.http.passthrough;

import dev.llmhealth.domain.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends one call to one deployment with that deployment's key, over the JDK's HTTP client. */
final class UpstreamClient {

    private final HttpClient http;
    private final Duration requestTimeout;

    UpstreamClient(HttpClient http, Duration requestTimeout) {
        this.http = http;
        this.requestTimeout = requestTimeout;
    }

    /** Waits for the whole answer, body included, at most the deployment's {@code timeout}, else the request timeout. */
    UpstreamReply buffered(UpstreamTarget target, ApiCall call, byte[] body) {
        HttpRequest request;
        try {
            request = request(target, call, body, "application/json");
        } catch (IllegalArgumentException badUrl) {
            return new UpstreamReply.NoAnswer(ErrorKind.UNKNOWN, "invalid api_base URL");
        }
        Duration timeout = target.entry().timeout(false, requestTimeout);
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new UpstreamReply.Buffered(response.statusCode(), contentType(response), response.body());
        } catch (TimeoutException late) {
            answer.cancel(true);
            return new UpstreamReply.NoAnswer(ErrorKind.TIMEOUT,
                    "no answer within " + timeout.toMillis() / 1000.0 + " s");
        } catch (ExecutionException failed) {
            return noAnswer(failed.getCause());
        } catch (InterruptedException interrupted) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return new UpstreamReply.NoAnswer(ErrorKind.UNKNOWN, "interrupted");
        }
    }

    /**
     * Returns once the headers are in (at most the deployment's {@code stream_timeout}, else its {@code timeout}, else the
     * request timeout); the body then arrives as the upstream sends it.
     */
    UpstreamReply streaming(UpstreamTarget target, ApiCall call, byte[] body) {
        try {
            HttpResponse<InputStream> response = http.send(request(target, call, body, "text/event-stream"),
                    HttpResponse.BodyHandlers.ofInputStream());
            return new UpstreamReply.Streaming(response.statusCode(), contentType(response), response.body());
        } catch (IllegalArgumentException badUrl) {
            return new UpstreamReply.NoAnswer(ErrorKind.UNKNOWN, "invalid api_base URL");
        } catch (IOException failed) {
            return noAnswer(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new UpstreamReply.NoAnswer(ErrorKind.UNKNOWN, "interrupted");
        }
    }

    private HttpRequest request(UpstreamTarget target, ApiCall call, byte[] body, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url(call)))
                .timeout(target.entry().timeout(accept.equals("text/event-stream"), requestTimeout))
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        target.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        return request.build();
    }

    /** The exception's class only: its message may quote the URL, and with it credentials. */
    private static UpstreamReply.NoAnswer noAnswer(Throwable failure) {
        return new UpstreamReply.NoAnswer(UpstreamFailures.kindOf(failure), "no answer (" + failure.getClass().getSimpleName() + ")");
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("application/json");
    }
}
