package dev.llmhealth.app;

import dev.llmhealth.adapters.http.ClientErrors;
import dev.llmhealth.adapters.http.DeploymentLabelCatalog;
import dev.llmhealth.adapters.http.DeploymentLabels;
import dev.llmhealth.adapters.http.HealthCheckMetrics;
import dev.llmhealth.adapters.http.HealthEndpoints;
import dev.llmhealth.adapters.http.HealthMetrics;
import dev.llmhealth.adapters.http.HealthResponses;
import dev.llmhealth.adapters.http.HistoryMetrics;
import dev.llmhealth.adapters.http.HistoryResponses;
import dev.llmhealth.adapters.http.MasterKeyAccess;
import dev.llmhealth.adapters.http.MetricsEndpoint;
import dev.llmhealth.adapters.http.PanicModeGauge;
import dev.llmhealth.adapters.http.ProbeBudgetGauge;
import dev.llmhealth.adapters.http.ProbeSpendMetrics;
import dev.llmhealth.adapters.http.PrometheusServiceMetrics;
import dev.llmhealth.adapters.http.PrometheusTrafficMetrics;
import dev.llmhealth.adapters.http.StandardCollectors;
import dev.llmhealth.adapters.http.ui.LiveEvents;
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
import dev.llmhealth.app.passthrough.PassThroughRoutes;
import dev.llmhealth.domain.model.CoordinationMode;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.policy.AggregationPolicy;
import dev.llmhealth.domain.policy.PassiveHealthPolicy;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.in.BeginDrainUseCase;
import dev.llmhealth.domain.port.out.CacheProbe;
import dev.llmhealth.domain.port.out.DatabaseProbe;
import dev.llmhealth.domain.port.out.HealthHistory;
import dev.llmhealth.domain.port.out.ModelProbe;
import dev.llmhealth.domain.port.out.ProbeCoordination;
import dev.llmhealth.domain.port.out.RouterState;
import dev.llmhealth.domain.port.out.TransitionListener;
import dev.llmhealth.app.logging.TransitionLog;
import dev.llmhealth.domain.service.CheckRoundService;
import dev.llmhealth.domain.service.HealthHistoryService;
import dev.llmhealth.domain.service.HealthMonitor;
import dev.llmhealth.domain.service.HealthQueryService;
import dev.llmhealth.domain.service.ProbeBudget;
import dev.llmhealth.domain.service.ServiceCheckService;
import dev.llmhealth.domain.service.SnapshotStore;
import dev.llmhealth.domain.service.TrafficEvidence;
import dev.llmhealth.domain.service.TrafficService;
import dev.llmhealth.domain.service.TransitionRecorder;
import dev.llmhealth.domain.service.InMemoryHealthHistory;
import dev.llmhealth.domain.service.RecentProbeLatencies;
import dev.llmhealth.domain.service.UptimeService;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The composition root of one configuration: the only place that knows every concrete adapter. It
 * builds the probes from the config, the domain services around them and the answers on top, and
 * starts the checks. {@link HealthApplication} serves the current core and swaps it on a reload.
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

    /** Leases and shared verdicts are small, fast calls: a Redis slower than this counts as unreachable. */
    private static final Duration COORDINATION_TIMEOUT = Duration.ofSeconds(2);

    private final ProxyConfig config;
    private final List<AutoCloseable> resources;
    private final SnapshotStore store;
    private final HealthEndpoints endpoints;
    private final PassThroughRoutes passThrough;
    private final BeginDrainUseCase drain;
    private final HealthHistory history;
    private final StatusPage statusPage;

    private HealthCore(ProxyConfig config, List<AutoCloseable> resources, SnapshotStore store, HealthEndpoints endpoints,
                       PassThroughRoutes passThrough, BeginDrainUseCase drain, HealthHistory history, StatusPage statusPage) {
        this.history = history;
        this.statusPage = statusPage;
        this.config = config;
        this.resources = resources;
        this.store = store;
        this.endpoints = endpoints;
        this.passThrough = passThrough;
        this.drain = drain;
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
        Optional<HealthSnapshot> carried = previous.map(HealthCore::snapshot);
        SecretRedactor redactor = new SecretRedactor(config.secrets());
        HealthSettings settings = config.health();

        DatabaseProbe database = config.databaseUrl()
                .<DatabaseProbe>map(url -> closing(resources, new PostgresDatabaseProbe(PostgresConnectionSettings.fromDatabaseUrl(url))))
                .orElse(DatabaseProbe.NOT_CONFIGURED);
        CacheProbe cache = config.redis()
                .<CacheProbe>map(r -> r.configProblem().isPresent() ? misconfigured(r.configProblem().get())
                        : closing(resources, new RedisCacheProbe(redisSettings(r))))
                .orElse(CacheProbe.NOT_CONFIGURED);
        ReplicaSettings replicas = config.replicas();
        ProbeCoordination coordination = coordination(config, resources);
        PrometheusRegistry registry = new PrometheusRegistry();
        HealthHistory history = history(config, resources, registry, clock, previous.map(core -> core.history));
        // the status page's live feed hears each transition; it is closed with this core, ending its streams
        LiveEvents liveEvents = closing(resources, new LiveEvents());
        TransitionRecorder transitions = new TransitionRecorder(
                TransitionListener.all(List.<TransitionListener>of(history::record, new TransitionLog(), liveEvents)),
                replicas.replica());
        RouterState router = new ConfiguredRouterState(config.models());
        DeploymentLabelCatalog labels = labels(config);
        // health_check_daily_budget adds up probe spend, then hands it on to the probe token and spend counters
        ProbeBudget probeBudget = new ProbeBudget(config.probeScheduling().dailyBudgetUsd(), clock,
                new ProbeSpendMetrics(registry, labels), new ProbeBudgetGauge(registry));
        ProviderProbes providerProbes = closing(resources, ProviderProbes.create(endpoints(config), redactor, outbound(config.outbound()),
                probeBudget));
        ModelProbe modelProbe = new MisconfiguredDeployments(configProblems(config), providerProbes);
        config.warnings().forEach(warning -> LOG.log(System.Logger.Level.WARNING, "config: {0}", warning));
        HealthCheckMetrics checkMetrics = new HealthCheckMetrics(registry, labels);

        CoordinationMode mode = coordination.configured() ? CoordinationMode.SHARED : CoordinationMode.LOCAL;
        SnapshotStore store = new SnapshotStore(carried
                .map(before -> before.reconfigured(clock.instant(), router.deployments(), database.configured(), cache.configured(), mode))
                .orElseGet(() -> HealthSnapshot.initial(clock.instant(), database.configured(), cache.configured(),
                        router.deployments().size(), replicas.replica(), mode)));
        // successful real calls, so a round can skip their deployments' probes (skip_probe_when_traffic_ok)
        TrafficEvidence trafficEvidence = new TrafficEvidence();
        RecentProbeLatencies latencies = new RecentProbeLatencies(RecentProbeLatencies.DEFAULT_CAPACITY, clock);
        CheckRoundService rounds = closing(resources, new CheckRoundService(router,
                latencies.measuring(checkMetrics.measured(probeBudget.limiting(modelProbe))), store, settings, clock,
                config.probeScheduling(), trafficEvidence, checkMetrics.skips(), coordination, transitions));
        ServiceCheckService services = closing(resources, new ServiceCheckService(database, cache, store, settings.timeout(), clock,
                transitions, new PrometheusServiceMetrics(registry)));
        // after a reload a service's first check continues from what the old core saw: no "unchecked" rows again
        carried.ifPresent(services::continueFrom);
        HealthQueryService queries = new HealthQueryService(store,
                new AggregationPolicy(settings.requiredServices(), settings.stalledAfter()), clock);
        // a deployment's own shorter health_check_interval makes rounds come that often; the others are probed when due
        HealthMonitor monitor = new HealthMonitor(checkMetrics.measured(rounds), services,
                settings.withInterval(CheckRoundService.roundInterval(settings, router.deployments())),
                config.probeScheduling().unhealthyInterval(), rounds::recheckUnhealthy, rounds::pullSharedVerdicts);
        PrometheusTrafficMetrics trafficMetrics = new PrometheusTrafficMetrics(registry, labels);
        trafficMetrics.startCounting(router.deployments());
        TrafficService traffic = new TrafficService(router, store,
                new PassiveHealthPolicy(config.passiveHealth(), () -> ThreadLocalRandom.current().nextDouble()), trafficMetrics, clock,
                trafficEvidence, config.panicThresholdPercent(), new PanicModeGauge(registry,
                        router.deployments().stream().map(d -> d.modelName()).distinct().toList()), transitions);

        HealthMetrics.register(registry, queries, queries, labels);
        StandardCollectors.register(registry);
        MasterKeyAccess access = MasterKeyAccess.withMasterKey(config.masterKey());
        // real traffic leaves the way probes do: the same proxy variables, CA bundle and ssl_verify
        OutboundHttp passThroughOutbound = closing(resources, new OutboundHttp(
                EnvironmentProxies.fromEnvironment(config.outbound().proxyEnvironment()), config.outbound().caBundle()));
        HttpClient upstreamClient = passThroughOutbound.client(config.outbound().sslVerify());
        PassThroughRoutes passThrough = PassThroughRoutes.create(config.models(), traffic, traffic, access, upstreamClient,
                config.requestTimeout(), redactor, new ClientErrors(registry));
        HealthResponses responses = new HealthResponses(queries, queries, queries, queries, queries, rounds, Versions.LITELLM_COMPATIBLE,
                config.healthCheckDetails());
        StatusPage statusPage = new StatusPage(responses, new UptimeService(history, store, clock), latencies, access, liveEvents);
        HealthEndpoints endpoints = new HealthEndpoints(responses,
                new MetricsEndpoint(registry), access, config.metricsRequireAuth(), Versions.OWN,
                new HistoryResponses(new HealthHistoryService(history)));
        monitor.start();
        resources.add(0, monitor);
        return new HealthCore(config, resources, store, endpoints, passThrough, queries, history, statusPage);
    }

    ProxyConfig config() {
        return config;
    }

    HealthSnapshot snapshot() {
        return store.current();
    }

    HealthEndpoints endpoints() {
        return endpoints;
    }

    PassThroughRoutes passThrough() {
        return passThrough;
    }

    StatusPage statusPage() {
        return statusPage;
    }

    /** Readiness answers not_ready from now on (a graceful shutdown's first step). */
    void beginDrain() {
        drain.beginDrain();
        statusPage.drain();
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
        Duration timeout = settings.timeout().compareTo(COORDINATION_TIMEOUT) < 0 ? settings.timeout() : COORDINATION_TIMEOUT;
        // a verdict outlives many rounds, so a restarted fleet starts from it, but a removed deployment's goes away
        Duration verdictTtl = settings.interval().multipliedBy(10).compareTo(Duration.ofHours(1)) > 0
                ? settings.interval().multipliedBy(10) : Duration.ofHours(1);
        LOG.log(System.Logger.Level.INFO, "replica {0}: probe leases and verdicts shared through Redis (namespace {1})",
                replicas.replica(), replicas.namespace());
        return closing(resources, new RedisProbeCoordination(redisSettings(config.redis().get()), replicas.replica(),
                replicas.namespace(), timeout, verdictTtl));
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
    private static DeploymentLabelCatalog labels(ProxyConfig config) {
        return DeploymentLabelCatalog.of(config.models().stream()
                .map(m -> new DeploymentLabels(m.forwardedModel(), m.id(), m.apiBase(), m.provider()))
                .toList());
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
