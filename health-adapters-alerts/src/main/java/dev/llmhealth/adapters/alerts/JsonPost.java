package dev.llmhealth.adapters.alerts;

import dev.llmhealth.domain.model.DeliveryOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * One JSON POST to a receiver, and what its answer means for a retry: 2xx taken; 408, 429 and 5xx
 * worth another try, as are timeouts and refused connections; any other 4xx is final. The reason
 * never holds the URL: webhook URLs are secrets (Slack's carries its token in the path).
 */
final class JsonPost {

    private final HttpClient client;
    private final Duration timeout;

    JsonPost(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    DeliveryOutcome post(URI url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return outcome(response.statusCode());
        } catch (HttpTimeoutException slow) {
            return new DeliveryOutcome.Retryable("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException unreachable) {
            return new DeliveryOutcome.Retryable("connection failed (" + unreachable.getClass().getSimpleName() + ")");
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return new DeliveryOutcome.Retryable("interrupted");
        }
    }

    static DeliveryOutcome outcome(int status) {
        if (status >= 200 && status < 300) {
            return DeliveryOutcome.DELIVERED;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new DeliveryOutcome.Retryable("HTTP " + status);
        }
        return new DeliveryOutcome.Rejected("HTTP " + status);
    }
}
