package dev.llmhealth.app;

import dev.llmhealth.adapters.http.ConnectionCloseFilter;
import dev.llmhealth.adapters.http.HealthMetrics;
import dev.llmhealth.adapters.http.HealthResponses;
import dev.llmhealth.adapters.http.HealthRoutes;
import dev.llmhealth.adapters.http.MasterKeyAccess;
import dev.llmhealth.adapters.http.MetricsEndpoint;
import dev.llmhealth.adapters.http.StandardCollectors;
import dev.llmhealth.adapters.probes.models.OpenAiCompatibleModelProbe;
import dev.llmhealth.adapters.probes.models.ProviderEndpoint;
import dev.llmhealth.adapters.probes.postgres.PostgresConnectionSettings;
import dev.llmhealth.adapters.probes.postgres.PostgresDatabaseProbe;
import dev.llmhealth.adapters.probes.redis.RedisCacheProbe;
import dev.llmhealth.adapters.probes.redis.RedisConnectionSettings;
import dev.llmhealth.app.config.ModelEntry;
import dev.llmhealth.app.config.ProxyConfig;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.policy.AggregationPolicy;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.CacheProbe;
import dev.llmhealth.domain.port.out.DatabaseProbe;
import dev.llmhealth.domain.port.out.RouterState;
import dev.llmhealth.domain.service.CheckRoundService;
import dev.llmhealth.domain.service.HealthMonitor;
import dev.llmhealth.domain.service.HealthQueryService;
import dev.llmhealth.domain.service.ServiceCheckService;
import dev.llmhealth.domain.service.SnapshotStore;
import io.helidon.webserver.WebServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The composition root: the only place that knows every concrete adapter. It builds the probes
 * from the config, the domain services around them, the HTTP routes on top, and starts them.
 */
public final class HealthApplication implements AutoCloseable {

    private final List<AutoCloseable> resources;
    private final WebServer server;

    private HealthApplication(List<AutoCloseable> resources, WebServer server) {
        this.resources = resources;
        this.server = server;
    }

    /** Starts everything; {@code port} 0 picks a free port (tests). */
    public static HealthApplication start(ProxyConfig config, int port, Clock clock) {
        List<AutoCloseable> resources = new ArrayList<>();
        SecretRedactor redactor = new SecretRedactor(config.secrets());
        HealthSettings settings = config.health();

        DatabaseProbe database = config.databaseUrl()
                .<DatabaseProbe>map(url -> closing(resources, new PostgresDatabaseProbe(PostgresConnectionSettings.fromDatabaseUrl(url))))
                .orElse(DatabaseProbe.NOT_CONFIGURED);
        CacheProbe cache = config.redis()
                .<CacheProbe>map(r -> closing(resources, new RedisCacheProbe(new RedisConnectionSettings(
                        r.host(), r.port(), r.username().orElse(null), r.password().orElse(null), r.ssl()))))
                .orElse(CacheProbe.NOT_CONFIGURED);
        RouterState router = new ConfiguredRouterState(config.models());
        OpenAiCompatibleModelProbe modelProbe = new OpenAiCompatibleModelProbe(endpoints(config), redactor);

        SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(clock.instant(), database.configured(),
                cache.configured(), router.deployments().size()));
        CheckRoundService rounds = closing(resources, new CheckRoundService(router, modelProbe, store, settings, clock));
        ServiceCheckService services = closing(resources, new ServiceCheckService(database, cache, store, settings.timeout(), clock));
        HealthQueryService queries = new HealthQueryService(store,
                new AggregationPolicy(settings.requiredServices(), settings.stalledAfter()), clock);
        HealthMonitor monitor = new HealthMonitor(rounds, services, settings);

        PrometheusRegistry registry = new PrometheusRegistry();
        HealthMetrics.register(registry, queries, queries);
        StandardCollectors.register(registry);
        HealthRoutes routes = new HealthRoutes(
                new HealthResponses(queries, queries, queries, queries, queries, Versions.LITELLM_COMPATIBLE),
                new MetricsEndpoint(registry), MasterKeyAccess.withMasterKey(config.masterKey()),
                config.metricsRequireAuth(), Versions.OWN);

        WebServer server = WebServer.builder()
                .host(config.host())
                .port(port)
                .routing(routing -> routing
                        .addFilter(new ConnectionCloseFilter())
                        .register(routes)
                        .any(HealthRoutes.notFound()))
                .build();
        monitor.start();
        resources.add(0, monitor);
        server.start();
        return new HealthApplication(resources, server);
    }

    public int port() {
        return server.port();
    }

    private static Map<String, ProviderEndpoint> endpoints(ProxyConfig config) {
        Map<String, ProviderEndpoint> endpoints = new LinkedHashMap<>();
        for (ModelEntry m : config.models()) {
            endpoints.put(m.id(), new ProviderEndpoint(m.provider(), m.apiBase(), m.apiKey().orElse(""),
                    m.upstreamModel(), m.mode(), config.maxTokens()));
        }
        return endpoints;
    }

    private static <T extends AutoCloseable> T closing(List<AutoCloseable> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() {
        server.stop();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // shutting down: the remaining resources still get closed
            }
        }
    }
}
