package dev.llmhealth.app.config;

import dev.llmhealth.adapters.alerts.SmtpSettings;
import dev.llmhealth.domain.model.AlertSettings;
import dev.llmhealth.domain.model.AlertType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alert channels and how alerts are raised ({@code general_settings.alerting} and the keys around it).
 *
 * @param linkBase where people reach the proxy, for the links in alerts ({@code PROXY_BASE_URL})
 * @param timeout  one delivery attempt's bound ({@code alerting_args.alert_timeout})
 */
public record AlertingConfig(AlertSettings settings, Optional<Slack> slack, Optional<Webhook> webhook, Optional<SmtpSettings> email,
                             String linkBase, Duration timeout) {

    /** No channel: nothing is raised. */
    public static final AlertingConfig NONE = new AlertingConfig(AlertSettings.defaults(), Optional.empty(), Optional.empty(),
            Optional.empty(), "http://localhost:4000", Duration.ofSeconds(10));

    public boolean anyChannel() {
        return slack.isPresent() || webhook.isPresent() || email.isPresent();
    }

    /** @param byType LiteLLM's {@code alert_to_webhook_url}: these types go to their own URLs instead */
    public record Slack(List<URI> defaultUrls, Map<AlertType, List<URI>> byType) {
        public Slack {
            defaultUrls = List.copyOf(defaultUrls);
            byType = Map.copyOf(byType);
        }

        /** Never shows the URLs: a Slack webhook URL's path is its token. */
        @Override
        public String toString() {
            return "Slack[" + defaultUrls.size() + " default URL(s), own URLs for " + byType.keySet() + "]";
        }
    }

    public record Webhook(URI url, Optional<String> secret, Map<String, String> headers) {
        public Webhook {
            headers = Map.copyOf(headers);
        }

        /** Never shows the secret, the header values or the URL's path and query (a token often rides there). */
        @Override
        public String toString() {
            return "Webhook[" + url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "") + "/***"
                    + (secret.isPresent() ? ", signed" : "") + ", headers " + headers.keySet() + "]";
        }
    }
}
