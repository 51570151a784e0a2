package dev.llmhealth.app;

import dev.llmhealth.adapters.alerts.AlertLinks;
import dev.llmhealth.adapters.alerts.EmailChannel;
import dev.llmhealth.adapters.alerts.SlackChannel;
import dev.llmhealth.adapters.alerts.WebhookChannel;
import dev.llmhealth.adapters.probes.models.EnvironmentProxies;
import dev.llmhealth.adapters.probes.models.OutboundHttp;
import dev.llmhealth.adapters.probes.redis.RedisAlertClaims;
import dev.llmhealth.adapters.probes.redis.RedisConnectionSettings;
import dev.llmhealth.app.config.AlertingConfig;
import dev.llmhealth.app.config.ProxyConfig;
import dev.llmhealth.domain.port.out.AlertChannel;
import dev.llmhealth.domain.port.out.AlertClaims;
import dev.llmhealth.embedded.HealthModule;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert adapters of one configuration: the channels it names (Slack, a webhook, e-mail) and the
 * claims replicas use to send each alert once. {@link HealthModule} does the rest (which changes
 * raise alerts, grouping, retries, {@code llm_too_slow}).
 */
final class AlertWiring {

    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(2);

    private AlertWiring() {
    }

    /** Adds the configured alerting to {@code builder}; what it opens goes into {@code resources}. */
    static void configure(HealthModule.Builder builder, ProxyConfig config, Clock clock, List<AutoCloseable> resources) {
        AlertingConfig alerting = config.alerting();
        if (!alerting.anyChannel()) {
            return;
        }
        builder.alerts(channels(config, clock, resources), alerting.settings(), claims(config, resources));
    }

    private static List<AlertChannel> channels(ProxyConfig config, Clock clock, List<AutoCloseable> opened) {
        AlertingConfig alerting = config.alerting();
        List<AlertChannel> channels = new ArrayList<>();
        AlertLinks links = new AlertLinks(alerting.linkBase());
        // alerts leave the way probes do: the same proxy variables, CA bundle and ssl_verify
        OutboundHttp outbound = new OutboundHttp(EnvironmentProxies.fromEnvironment(config.outbound().proxyEnvironment()),
                config.outbound().caBundle());
        opened.add(outbound);
        HttpClient client = outbound.client(config.outbound().sslVerify());
        alerting.slack().ifPresent(s -> channels.add(new SlackChannel(s.defaultUrls(), s.byType(), client, alerting.timeout(), links)));
        alerting.webhook().ifPresent(w -> channels.add(new WebhookChannel(w.url(), w.secret(), w.headers(), client, alerting.timeout(),
                links, clock)));
        alerting.email().ifPresent(e -> channels.add(new EmailChannel(e, links)));
        return channels;
    }

    /** Through Redis when replicas share one (as they share probe leases); this replica alone otherwise. */
    private static AlertClaims claims(ProxyConfig config, List<AutoCloseable> opened) {
        if (config.redis().isEmpty() || config.redis().get().configProblem().isPresent() || !config.replicas().shareProbes()) {
            return AlertClaims.local();
        }
        ProxyConfig.RedisTarget r = config.redis().get();
        RedisAlertClaims claims = new RedisAlertClaims(new RedisConnectionSettings(r.host(), r.port(), r.username().orElse(null),
                r.password().orElse(null), r.ssl(), r.database()), config.replicas().namespace(), CLAIM_TIMEOUT);
        opened.add(claims);
        return claims;
    }
}
