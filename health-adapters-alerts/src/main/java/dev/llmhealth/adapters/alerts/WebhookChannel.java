package dev.llmhealth.adapters.alerts;

import dev.llmhealth.domain.model.AlertBatch;
import dev.llmhealth.domain.model.DeliveryOutcome;
import dev.llmhealth.domain.port.out.AlertChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A generic webhook: the {@link WebhookPayload} JSON, signed when a secret is set, with the operator's own headers. */
public final class WebhookChannel implements AlertChannel {

    private final URI url;
    private final Optional<String> secret;
    private final Map<String, String> headers;
    private final JsonPost post;
    private final AlertLinks links;
    private final Clock clock;

    public WebhookChannel(URI url, Optional<String> secret, Map<String, String> headers, HttpClient client, Duration timeout,
                          AlertLinks links, Clock clock) {
        this.url = url;
        this.secret = secret;
        this.headers = Map.copyOf(headers);
        this.post = new JsonPost(client, timeout);
        this.links = links;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public DeliveryOutcome deliver(AlertBatch batch) {
        WebhookPayload payload = WebhookPayload.of(batch, links);
        byte[] body = payload.bytes();
        Map<String, String> sent = new LinkedHashMap<>(headers);
        sent.put("X-LLM-Health-Delivery", payload.id());
        secret.ifPresent(key -> {
            // a fresh timestamp per try: a receiver that refuses old ones still takes a late retry
            String timestamp = String.valueOf(clock.instant().getEpochSecond());
            sent.put(WebhookSignature.TIMESTAMP_HEADER, timestamp);
            sent.put(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(key, timestamp, body));
        });
        return post.post(url, body, sent);
    }
}
