package dev.llmhealth.app;

import dev.llmhealth.adapters.http.AlertTestEndpoint;
import dev.llmhealth.adapters.http.DeploymentLabels;
import dev.llmhealth.adapters.http.HealthEndpoints;
import dev.llmhealth.adapters.http.HistoryMetrics;
import dev.llmhealth.adapters.http.MasterKeyAccess;
import dev.llmhealth.adapters.http.ui.StatusPage;
import dev.llmhealth.adapters.probes.models.EnvironmentProxies;
import dev.llmhealth.adapters.probes.models.OutboundHttp;
import dev.llmhealth.adapters.probes.models.ProviderEndpoint;
import dev.llmhealth.adapters.probes.models.ProviderProbes;
import dev.llmhealth.adapters.probes.postgres.PostgresConnectionSettings;
import dev.llmhealth.adapters.probes.postgres.PostgresDatabaseProbe;
import dev.llmhealth.adapters.probes.postgres.PostgresHealthHistory;
import dev.llmhealth.adapters.probes.redis.RedisCacheProbe;
import dev.llmhealth.adapters.probes.redis.RedisConnectionSettings;
import dev.llmhealth.adapters.probes.redis.RedisProbeCoordination;
import dev.llmhealth.app.config.ModelEntry;
import dev.llmhealth.app.config.ProxyConfig;
import dev.llmhealth.app.config.ReplicaSettings;
import dev.llmhealth.adapters.http.passthrough.PassThroughRoutes;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthTiming;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.CacheProbe;
import dev.llmhealth.domain.port.out.DatabaseProbe;
import dev.llmhealth.domain.port.out.SchemaInitializer;
import dev.llmhealth.domain.port.out.HealthHistory;
import dev.llmhealth.domain.port.out.ProbeCoordination;
import dev.llmhealth.embedded.HealthModule;
import dev.llmhealth.domain.service.InMemoryHealthHistory;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One configuration, running: the config mapped to concrete adapters (PostgreSQL, Redis, the
 * provider probes, the history) and settings, handed to {@link HealthModule#builder()} (the one
 * wiring of the domain services, the same an embedding host uses), plus the pass-through on top.
 * {@link HealthApplication} serves the current core and swaps it on a reload.
 */
final class HealthCore implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HealthCore.class.getName());
    /**
     * HikariCP logs a WARNING with a stack trace each time a pooled connection breaks: once per
     * check during a database outage. The probe already reports the outage; only SEVERE passes.
     * Held here so the JUL logger (weakly referenced) keeps its level.
     */
    private static final java.util.logging.Logger HIKARI_PROXY_CONNECTION =
            java.util.logging.Logger.getLogger("com.zaxxer.hikari.pool.ProxyConnection");


    private final ProxyConfig config;
    private final List<AutoCloseable> resources;
    private final HealthModule module;
    private final PassThroughRoutes passThrough;
    private final HealthHistory history;

    private HealthCore(ProxyConfig config, List<AutoCloseable> resources, HealthModule module, PassThroughRoutes passThrough,
                       HealthHistory history) {
        this.config = config;
        this.resources = resources;
        this.module = module;
        this.passThrough = passThrough;
        this.history = history;
    }

    /**
     * Builds everything for {@code config} and starts the checks.
     *
     * @param previous the core this one replaces (a reload): its snapshot, and its history when kept in
     *                 memory, carry over, so what is known stays known
     */
    static HealthCore start(ProxyConfig config, Clock clock, Optional<HealthCore> previous) {
        HIKARI_PROXY_CONNECTION.setLevel(java.util.logging.Level.SEVERE);
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            return build(config, clock, previous, resources);
        } catch (RuntimeException failed) {
            // a reload that cannot start leaves nothing behind: what it opened so far is closed again
            closeAll(resources.reversed());
            throw failed;
        }
    }

    private static HealthCore build(ProxyConfig config, Clock clock, Optional<HealthCore> previous, List<AutoCloseable> resources) {
        SecretRedactor redactor = new SecretRedactor(config.secrets());
        Optional<PostgresDatabaseProbe> postgres = config.databaseUrl()
                .map(url -> closing(resources, new PostgresDatabaseProbe(PostgresConnectionSettings.fromDatabaseUrl(url))));
        DatabaseProbe database = postgres.<DatabaseProbe>map(probe -> probe).orElse(DatabaseProbe.NOT_CONFIGURED);
        CacheProbe cache = config.redis()
                .<CacheProbe>map(r -> r.configProblem().isPresent() ? misconfigured(r.configProblem().get())
                        : closing(resources, new RedisCacheProbe(redisSettings(r))))
                .orElse(CacheProbe.NOT_CONFIGURED);
        PrometheusRegistry registry = new PrometheusRegistry();
        HealthHistory history = history(config, resources, registry, clock, previous.map(core -> core.history));
        config.warnings().forEach(warning -> LOG.log(System.Logger.Level.WARNING, "config: {0}", warning));
        OutboundHttp probesOutbound = outbound(config.outbound());
        HealthModule.Builder builder = HealthModule.builder()
                .router(new ConfiguredRouterState(config.models()))
                // completion probes report what they spend to the module's daily budget
                .modelProbe(spend -> new MisconfiguredDeployments(configProblems(config),
                        closing(resources, ProviderProbes.create(endpoints(config), redactor, probesOutbound, spend))))
                .database(database)
                // the same connection pool applies the history's schema once the database answers
                .schema(postgres.<SchemaInitializer>map(probe -> probe).orElse(SchemaInitializer.NOTHING_TO_APPLY))
                .cache(cache)
                .coordination(coordination(config, resources))
                .history(history)
                .clock(clock)
                .settings(config.health())
                .probeScheduling(config.probeScheduling())
                .passiveHealth(config.passiveHealth())
                .panicThresholdPercent(config.panicThresholdPercent())
                .healthCheckDetails(config.healthCheckDetails())
                .masterKey(config.masterKey().orElse(null))
                .metricsRequireAuth(config.metricsRequireAuth())
                .registry(registry)
                .labels(labels(config));
        previous.ifPresent(core -> builder.continueFrom(core.snapshot()));
        AlertWiring.configure(builder, config, clock, resources);
        HealthModule module = builder.build();
        // closed first: the checks stop before the adapters they use
        resources.add(0, module);
        // real traffic leaves the way probes do: the same proxy variables, CA bundle and ssl_verify
        OutboundHttp passThroughOutbound = closing(resources, new OutboundHttp(
                EnvironmentProxies.fromEnvironment(config.outbound().proxyEnvironment()), config.outbound().caBundle()));
        HttpClient upstreamClient = passThroughOutbound.client(config.outbound().sslVerify());
        PassThroughRoutes passThrough = PassThroughRoutes.create(config.models().stream().map(ModelEntry::modelName).distinct().toList(),
                ForwardableDeployments.of(config.models()), module.routing(), module.traffic(),
                MasterKeyAccess.withMasterKey(config.masterKey()), upstreamClient, config.requestTimeout(), redactor, module.clientErrors());
        module.start();
        return new HealthCore(config, resources, module, passThrough, history);
    }

    ProxyConfig config() {
        return config;
    }

    HealthSnapshot snapshot() {
        return module.snapshot();
    }

    HealthEndpoints endpoints() {
        return module.endpoints();
    }

    StatusPage statusPage() {
        return module.statusPage();
    }

    /** {@code POST /health/alerts/test}. */
    AlertTestEndpoint alertTest() {
        return module.alertTestEndpoint();
    }

    PassThroughRoutes passThrough() {
        return passThrough;
    }

    /** Readiness answers not_ready from now on (a graceful shutdown's first step). */
    void beginDrain() {
        module.drain().beginDrain();
    }

    private static RedisConnectionSettings redisSettings(ProxyConfig.RedisTarget r) {
        return new RedisConnectionSettings(r.host(), r.port(), r.username().orElse(null), r.password().orElse(null), r.ssl(), r.database());
    }

    /**
     * Probe leases and verdicts shared through Redis when it is configured (and not turned off), each
     * call bounded well below a round's deadline; otherwise this replica probes everything itself.
     */
    private static ProbeCoordination coordination(ProxyConfig config, List<AutoCloseable> resources) {
        ReplicaSettings replicas = config.replicas();
        if (config.redis().isEmpty() || config.redis().get().configProblem().isPresent() || !replicas.shareProbes()) {
            return ProbeCoordination.local(replicas.replica());
        }
        HealthSettings settings = config.health();
        HealthTiming timing = settings.timing();
        LOG.log(System.Logger.Level.INFO, "replica {0}: probe leases and verdicts shared through Redis (namespace {1})",
                replicas.replica(), replicas.namespace());
        return closing(resources, new RedisProbeCoordination(redisSettings(config.redis().get()), replicas.replica(),
                replicas.namespace(), timing.coordinationTimeout(), timing.verdictTtl()));
    }

    /** In PostgreSQL when a database is configured (queued, buffered while it is down); in memory otherwise. */
    private static HealthHistory history(ProxyConfig config, List<AutoCloseable> resources, PrometheusRegistry registry, Clock clock,
                                         Optional<HealthHistory> previous) {
        ReplicaSettings replicas = config.replicas();
        if (config.databaseUrl().isEmpty()) {
            // a reload keeps the transitions it had in memory
            if (previous.isPresent() && previous.get() instanceof InMemoryHealthHistory kept) {
                return kept;
            }
            return new InMemoryHealthHistory(Math.min(replicas.historyCapacity(), InMemoryHealthHistory.DEFAULT_CAPACITY));
        }
        PostgresHealthHistory history = closing(resources, new PostgresHealthHistory(
                PostgresConnectionSettings.fromDatabaseUrl(config.databaseUrl().get()), replicas.historyCapacity(),
                config.health().timeout(), replicas.historyRetention(), clock));
        HistoryMetrics.register(registry, history::pending, history::written, history::dropped);
        return history;
    }

    private static Map<String, ProviderEndpoint> endpoints(ProxyConfig config) {
        Map<String, ProviderEndpoint> endpoints = new LinkedHashMap<>();
        for (ModelEntry m : config.models()) {
            if (m.configProblem().isPresent()) {
                continue;
            }
            int maxTokens = m.healthCheck().maxTokens() > 0 ? m.healthCheck().maxTokens() : config.maxTokens();
            endpoints.put(m.id(), new ProviderEndpoint(m.provider(), m.apiBase(), m.apiKey().orElse(""),
                    m.upstreamModel(), m.mode(), maxTokens, m.apiVersion().orElse(""),
                    m.sslVerify().orElse(config.outbound().sslVerify()), m.inputCostPerToken(), m.outputCostPerToken()));
        }
        return endpoints;
    }

    /** Redis configured with a placeholder: reported disconnected with the reason, never dialled. */
    private static CacheProbe misconfigured(String problem) {
        ServiceHealth down = ServiceHealth.disconnected("config: " + problem);
        return timeout -> down;
    }

    /** What each deployment that cannot work as configured answers its checks with. */
    private static Map<String, String> configProblems(ProxyConfig config) {
        Map<String, String> problems = new LinkedHashMap<>();
        config.models().forEach(m -> m.configProblem().ifPresent(problem -> problems.put(m.id(), problem)));
        return problems;
    }

    /** The probes' way out: proxy variables, and the CA bundle (the config checked both already). */
    private static OutboundHttp outbound(ProxyConfig.Outbound settings) {
        EnvironmentProxies proxies = EnvironmentProxies.fromEnvironment(settings.proxyEnvironment());
        if (proxies.configured()) {
            LOG.log(System.Logger.Level.INFO, "model probes: " + proxies.describe());
        }
        settings.caBundle().ifPresent(bundle -> LOG.log(System.Logger.Level.INFO, "model probes trust the CAs of {0} only", bundle));
        return new OutboundHttp(proxies, settings.caBundle());
    }

    /** LiteLLM's label values for each deployment, from the config: its upstream model and provider. */
    private static List<DeploymentLabels> labels(ProxyConfig config) {
        return config.models().stream()
                .map(m -> new DeploymentLabels(m.forwardedModel(), m.id(), m.apiBase(), m.provider()))
                .toList();
    }

    private static <T extends AutoCloseable> T closing(List<AutoCloseable> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    /** Stops the checks first, then the adapters. */
    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // shutting down: the remaining resources still get closed
            }
        }
    }

}
