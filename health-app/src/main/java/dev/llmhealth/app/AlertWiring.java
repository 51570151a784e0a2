package dev.llmhealth.app;

import dev.llmhealth.adapters.alerts.AlertLinks;
import dev.llmhealth.adapters.alerts.EmailChannel;
import dev.llmhealth.adapters.alerts.SlackChannel;
import dev.llmhealth.adapters.alerts.WebhookChannel;
import dev.llmhealth.adapters.http.AlertTestEndpoint;
import dev.llmhealth.adapters.http.MasterKeyAccess;
import dev.llmhealth.adapters.http.PrometheusAlertMetrics;
import dev.llmhealth.adapters.probes.models.EnvironmentProxies;
import dev.llmhealth.adapters.probes.models.OutboundHttp;
import dev.llmhealth.adapters.probes.redis.RedisAlertClaims;
import dev.llmhealth.adapters.probes.redis.RedisConnectionSettings;
import dev.llmhealth.app.config.AlertingConfig;
import dev.llmhealth.app.config.ProxyConfig;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.port.out.AlertChannel;
import dev.llmhealth.domain.port.out.AlertClaims;
import dev.llmhealth.domain.port.out.ModelProbe;
import dev.llmhealth.domain.port.out.RouterState;
import dev.llmhealth.domain.port.out.TransitionListener;
import dev.llmhealth.domain.service.AlertDispatcher;
import dev.llmhealth.domain.service.SlowProbeAlerts;
import dev.llmhealth.domain.service.TransitionAlerts;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The alert side of one configuration, built apart from the rest of the composition root so that
 * root needs three lines: {@link #listener()} among the transition listeners, {@link #timing} around
 * the model probe, {@link #watch} once the snapshot store exists. Nothing is raised without a channel.
 */
final class AlertWiring implements AutoCloseable {

    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(2);

    private final ProxyConfig config;
    private final Clock clock;
    private final RouterState router;
    private final AlertDispatcher dispatcher;
    private final AlertClaims claims;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private volatile TransitionAlerts transitionAlerts;

    private AlertWiring(ProxyConfig config, Clock clock, RouterState router, AlertDispatcher dispatcher, AlertClaims claims) {
        this.config = config;
        this.clock = clock;
        this.router = router;
        this.dispatcher = dispatcher;
        this.claims = claims;
    }

    static AlertWiring create(ProxyConfig config, Clock clock, PrometheusRegistry registry, RouterState router) {
        AlertingConfig alerting = config.alerting();
        List<AutoCloseable> opened = new ArrayList<>();
        List<AlertChannel> channels = channels(config, clock, opened);
        AlertDispatcher dispatcher = new AlertDispatcher(channels, alerting.settings(),
                new PrometheusAlertMetrics(registry, channels.stream().map(AlertChannel::name).toList()), clock,
                config.replicas().replica());
        AlertClaims claims = claims(config, opened);
        AlertWiring wiring = new AlertWiring(config, clock, router, dispatcher, claims);
        wiring.resources.add(dispatcher);
        wiring.resources.addAll(opened);
        return wiring;
    }

    private static List<AlertChannel> channels(ProxyConfig config, Clock clock, List<AutoCloseable> opened) {
        AlertingConfig alerting = config.alerting();
        List<AlertChannel> channels = new ArrayList<>();
        if (!alerting.anyChannel()) {
            return channels;
        }
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

    /** Hears every recorded transition; queues it and returns at once. */
    TransitionListener listener() {
        return transition -> {
            TransitionAlerts alerts = transitionAlerts;
            if (alerts != null) {
                alerts.transitioned(transition);
            }
        };
    }

    /** The model probe, with {@code llm_too_slow} watching its latencies. */
    ModelProbe timing(ModelProbe probe) {
        return dispatcher.hasChannels() ? new SlowProbeAlerts(probe, dispatcher, clock, config.replicas().replica()) : probe;
    }

    /** Starts turning transitions into alerts, reading the snapshot for what other replicas decided. */
    void watch(Supplier<HealthSnapshot> snapshot) {
        if (dispatcher.hasChannels() && transitionAlerts == null) {
            TransitionAlerts alerts = new TransitionAlerts(dispatcher, claims, router, snapshot, clock, config.replicas().replica(),
                    config.health().serviceCheckInterval());
            resources.add(0, alerts);
            transitionAlerts = alerts;
        }
    }

    AlertTestEndpoint testEndpoint(MasterKeyAccess access) {
        return new AlertTestEndpoint(dispatcher, access);
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // shutting down: the others still get closed
            }
        }
    }
}
