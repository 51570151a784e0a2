package dev.llmhealth.adapters.alerts;

import dev.llmhealth.domain.model.AlertBatch;
import dev.llmhealth.domain.model.AlertType;
import dev.llmhealth.domain.model.DeliveryOutcome;
import dev.llmhealth.domain.port.out.AlertChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Slack incoming webhooks: {@code SLACK_WEBHOOK_URL} for every alert type, and LiteLLM's
 * {@code alert_to_webhook_url} sending a type to its own URLs instead. Any URL taking the message
 * counts only when all of them did, so a retry reaches the one that failed (the others may see it twice).
 */
public final class SlackChannel implements AlertChannel {

    private final List<URI> defaultUrls;
    private final Map<AlertType, List<URI>> urlsByType;
    private final JsonPost post;
    private final AlertLinks links;

    public SlackChannel(List<URI> defaultUrls, Map<AlertType, List<URI>> urlsByType, HttpClient client, Duration timeout,
                        AlertLinks links) {
        this.defaultUrls = List.copyOf(defaultUrls);
        this.urlsByType = Map.copyOf(urlsByType);
        this.post = new JsonPost(client, timeout);
        this.links = links;
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public boolean accepts(AlertType type) {
        return !urls(type).isEmpty();
    }

    @Override
    public DeliveryOutcome deliver(AlertBatch batch) {
        byte[] body = SlackMessage.of(batch, links);
        List<URI> targets = batch.phase() == dev.llmhealth.domain.model.Alert.Phase.TEST ? allUrls() : urls(batch.type());
        DeliveryOutcome worst = DeliveryOutcome.DELIVERED;
        for (URI url : targets) {
            DeliveryOutcome outcome = post.post(url, body, Map.of());
            if (!outcome.delivered() && (worst.delivered() || outcome instanceof DeliveryOutcome.Retryable)) {
                worst = outcome;
            }
        }
        return worst;
    }

    private List<URI> urls(AlertType type) {
        return urlsByType.getOrDefault(type, defaultUrls);
    }

    /** A test reaches every configured URL once. */
    private List<URI> allUrls() {
        java.util.LinkedHashSet<URI> all = new java.util.LinkedHashSet<>(defaultUrls);
        urlsByType.values().forEach(all::addAll);
        return List.copyOf(all);
    }
}
