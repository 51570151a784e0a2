package dev.llmhealth.embedded;

import dev.llmhealth.adapters.http.ClientErrors;
import dev.llmhealth.adapters.http.DeploymentLabelCatalog;
import dev.llmhealth.adapters.http.DeploymentLabels;
import dev.llmhealth.adapters.http.HealthCheckMetrics;
import dev.llmhealth.adapters.http.HealthEndpoints;
import dev.llmhealth.adapters.http.HealthMetrics;
import dev.llmhealth.adapters.http.HealthResponses;
import dev.llmhealth.adapters.http.HealthRoutes;
import dev.llmhealth.adapters.http.HistoryResponses;
import dev.llmhealth.adapters.http.JsonDirectHandler;
import dev.llmhealth.adapters.http.MasterKeyAccess;
import dev.llmhealth.adapters.http.MetricsEndpoint;
import dev.llmhealth.adapters.http.PrometheusServiceMetrics;
import dev.llmhealth.adapters.http.AlertTestEndpoint;
import dev.llmhealth.adapters.http.PrometheusAlertMetrics;
import dev.llmhealth.domain.model.AlertSettings;
import dev.llmhealth.domain.port.in.SendTestAlertUseCase;
import dev.llmhealth.domain.port.out.AlertChannel;
import dev.llmhealth.domain.port.out.AlertClaims;
import dev.llmhealth.domain.service.AlertDispatcher;
import dev.llmhealth.domain.service.SlowProbeAlerts;
import dev.llmhealth.domain.service.TransitionAlerts;
import dev.llmhealth.adapters.http.PanicModeGauge;
import dev.llmhealth.adapters.http.ProbeBudgetGauge;
import dev.llmhealth.adapters.http.ProbeSpendMetrics;
import dev.llmhealth.adapters.http.PrometheusTrafficMetrics;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.PassiveHealthSettings;
import dev.llmhealth.domain.policy.PassiveHealthPolicy;
import dev.llmhealth.domain.port.in.GetRoutableDeploymentsQuery;
import dev.llmhealth.domain.port.in.RecordTrafficUseCase;
import dev.llmhealth.domain.port.out.ProbeSpend;
import dev.llmhealth.domain.service.ProbeBudget;
import dev.llmhealth.domain.service.TrafficService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import dev.llmhealth.adapters.http.StandardCollectors;
import dev.llmhealth.adapters.http.http10.Http10ConnectionSelector;
import dev.llmhealth.adapters.http.ui.LiveEvents;
import dev.llmhealth.adapters.http.ui.StatusPage;
import dev.llmhealth.adapters.http.ui.StatusPageRoutes;
import dev.llmhealth.domain.model.CoordinationMode;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.ProbeSchedulingSettings;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.policy.AggregationPolicy;
import dev.llmhealth.domain.port.in.BeginDrainUseCase;
import dev.llmhealth.domain.port.in.CheckModelNowUseCase;
import dev.llmhealth.domain.port.in.GetLivenessQuery;
import dev.llmhealth.domain.port.in.GetModelHealthQuery;
import dev.llmhealth.domain.port.in.GetProxyHealthQuery;
import dev.llmhealth.domain.port.in.GetReadinessQuery;
import dev.llmhealth.domain.port.in.GetServiceHealthQuery;
import dev.llmhealth.domain.port.in.RunCheckRoundUseCase;
import dev.llmhealth.domain.port.out.CacheProbe;
import dev.llmhealth.domain.port.out.DatabaseProbe;
import dev.llmhealth.domain.port.out.HealthHistory;
import dev.llmhealth.domain.port.out.ProbeCoordination;
import dev.llmhealth.domain.port.out.ModelProbe;
import dev.llmhealth.domain.port.out.RouterState;
import dev.llmhealth.domain.port.out.SchemaInitializer;
import dev.llmhealth.domain.port.out.TransitionListener;
import dev.llmhealth.domain.service.CheckRoundService;
import dev.llmhealth.domain.service.HealthHistoryService;
import dev.llmhealth.domain.service.HealthMonitor;
import dev.llmhealth.domain.service.InMemoryHealthHistory;
import dev.llmhealth.domain.service.RecentProbeLatencies;
import dev.llmhealth.domain.service.UptimeService;
import dev.llmhealth.domain.service.HealthQueryService;
import dev.llmhealth.domain.service.ServiceCheckService;
import dev.llmhealth.domain.service.SnapshotStore;
import dev.llmhealth.domain.service.TrafficEvidence;
import dev.llmhealth.domain.service.TransitionRecorder;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpService;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The health subsystem as a library: the entry point for a host proxy that embeds it. The host
 * plugs in its own adapters (its router's deployment list, its database and cache probes, its model
 * probe, its clock and settings) and gets back the use cases, a Helidon {@link HttpService} to mount
 * under any path, the framework-neutral {@link HealthEndpoints}/{@link HealthResponses} for another
 * HTTP stack, and the HTTP/1.0 connection selector for its own listener.
 *
 * <pre>{@code
 * try (HealthModule health = HealthModule.builder()
 *         .router(myRouter::deployments)
 *         .modelProbe(myModelProbe)
 *         .cache(myCacheProbe)
 *         .build()) {
 *     health.start();
 *     WebServer.builder()
 *             .directHandlers(health.directHandlers())
 *             .routing(r -> r.register("/ops", health.routes()))
 *             .build().start();
 * }
 * }</pre>
 *
 * Nothing runs until {@link #start()}; {@link #close()} stops the scheduler and the probes' threads
 * (not the host's own adapters: they belong to the host).
 */
public final class HealthModule implements AutoCloseable {

    /** The default {@code panic_threshold_percent} (README, Configuration). */
    public static final int DEFAULT_PANIC_THRESHOLD_PERCENT = 50;

    private final HealthQueryService queries;
    private final SnapshotStore store;
    private final CheckRoundService rounds;
    private final RunCheckRoundUseCase measuredRounds;
    private final ServiceCheckService serviceChecks;
    private final TrafficService traffic;
    private final HealthMonitor monitor;
    private final HealthResponses responses;
    private final MetricsEndpoint metrics;
    private final HealthRoutes routes;
    private final PrometheusRegistry registry;
    private final ClientErrors clientErrors;
    private final StatusPage statusPage;
    private final HttpService allRoutes;
    private final ModelProbe modelProbe;
    private final AlertDispatcher alerts;
    private final TransitionAlerts transitionAlerts;
    private final MasterKeyAccess access;
    private boolean started;

    /** The one wiring of the domain services: the standalone app builds its core through here too. */
    private HealthModule(Builder b) {
        this.registry = b.registry != null ? b.registry : new PrometheusRegistry();
        HealthSettings settings = b.settings;
        ProbeSchedulingSettings scheduling = b.probeScheduling != null ? b.probeScheduling : ProbeSchedulingSettings.defaults(settings);
        List<Deployment> deployments = b.router.deployments();
        DeploymentLabelCatalog labels = DeploymentLabelCatalog.of(b.labels);
        HealthCheckMetrics checkMetrics = new HealthCheckMetrics(registry, labels);
        CoordinationMode mode = b.coordination.configured() ? CoordinationMode.SHARED : CoordinationMode.LOCAL;
        // a reload continues from what the replaced module knew: verdicts, and each service's last state
        this.store = new SnapshotStore(b.continueFrom
                .map(before -> before.reconfigured(b.clock.instant(), deployments, b.database.configured(), b.cache.configured(), mode))
                .orElseGet(() -> HealthSnapshot.initial(b.clock.instant(), b.database.configured(), b.cache.configured(),
                        deployments.size(), b.coordination.replica(), mode)));
        // what this constructor starts (threads) is stopped again if a later step throws: nobody else could close it
        List<AutoCloseable> started = new ArrayList<>();
        try {
            // alerts: nothing is raised without a channel; with channels, every recorded change may become one
            this.alerts = new AlertDispatcher(b.alertChannels, b.alertSettings,
                    new PrometheusAlertMetrics(registry, b.alertChannels.stream().map(AlertChannel::name).toList()), b.clock,
                    b.coordination.replica());
            this.transitionAlerts = alerts.hasChannels() ? new TransitionAlerts(alerts, b.alertClaims, b.router, store::current, b.clock,
                    b.coordination.replica(), settings.serviceCheckInterval()) : null;
            started.add(alerts);
            if (transitionAlerts != null) {
                started.add(0, transitionAlerts);
            }
            List<TransitionListener> listeners = new ArrayList<>();
            listeners.add(b.history::record);
            listeners.add(new TransitionLog());
            if (transitionAlerts != null) {
                listeners.add(transitionAlerts);
            }
            listeners.addAll(b.transitionListeners);
            LiveEvents liveEvents = new LiveEvents();
            listeners.add(liveEvents);
            RecentProbeLatencies latencies = new RecentProbeLatencies(RecentProbeLatencies.DEFAULT_CAPACITY, b.clock);
            TransitionRecorder transitions = new TransitionRecorder(TransitionListener.all(listeners), b.coordination.replica());

            // health_check_daily_budget adds up probe spend, then hands it on to the probe token and spend counters
            ProbeBudget budget = new ProbeBudget(scheduling.dailyBudgetUsd(), b.clock, new ProbeSpendMetrics(registry, labels),
                    new ProbeBudgetGauge(registry));
            ModelProbe hostProbe = b.modelProbe.apply(budget);
            // llm_too_slow watches the probes' latencies
            this.modelProbe = alerts.hasChannels() ? new SlowProbeAlerts(hostProbe, alerts, b.clock, b.coordination.replica()) : hostProbe;
            // successful real calls, so a round can skip their deployments' probes (skip_probe_when_traffic_ok)
            TrafficEvidence evidence = new TrafficEvidence();
            this.rounds = new CheckRoundService(b.router, latencies.measuring(checkMetrics.measured(budget.limiting(modelProbe))), store, settings, b.clock,
                    scheduling, evidence, checkMetrics.skips(), b.coordination, transitions);
            started.add(0, rounds);
            this.measuredRounds = checkMetrics.measured(rounds);
            SchemaInitializer schema = b.schema != null ? b.schema
                    : b.database instanceof SchemaInitializer own ? own : SchemaInitializer.NOTHING_TO_APPLY;
            this.serviceChecks = new ServiceCheckService(b.database, schema, b.cache, store, settings.timeout(), b.clock, transitions,
                    new PrometheusServiceMetrics(registry));
            b.continueFrom.ifPresent(serviceChecks::continueFrom);
            this.queries = new HealthQueryService(store, new AggregationPolicy(settings.requiredServices(), settings.stalledAfter()), b.clock);
            // a deployment's own shorter health_check_interval makes rounds come that often; the others are probed when due
            this.monitor = new HealthMonitor(measuredRounds, serviceChecks,
                    settings.withInterval(CheckRoundService.roundInterval(settings, deployments)), scheduling.unhealthyInterval(),
                    rounds::recheckUnhealthy, rounds::pullSharedVerdicts);
            PrometheusTrafficMetrics trafficMetrics = new PrometheusTrafficMetrics(registry, labels);
            trafficMetrics.startCounting(deployments);
            this.traffic = new TrafficService(b.router, store,
                    new PassiveHealthPolicy(b.passiveHealth, () -> ThreadLocalRandom.current().nextDouble()), trafficMetrics, b.clock,
                    evidence, b.panicThresholdPercent, new PanicModeGauge(registry,
                            deployments.stream().map(Deployment::modelName).distinct().toList()), transitions);

            HealthMetrics.register(registry, queries, queries, labels);
            if (b.standardCollectors) {
                StandardCollectors.register(registry, b.legacyCollectors);
            }
            this.responses = new HealthResponses(queries, queries, queries, queries, queries, rounds, b.litellmVersion, b.healthCheckDetails);
            this.metrics = new MetricsEndpoint(registry);
            this.clientErrors = new ClientErrors(registry);
            this.access = MasterKeyAccess.withMasterKey(b.masterKey);
            this.routes = new HealthRoutes(responses, metrics, access,
                    b.metricsRequireAuth, b.ownVersion, new HistoryResponses(new HealthHistoryService(b.history)));
            this.statusPage = new StatusPage(responses, new UptimeService(b.history, store, b.clock), latencies, access, liveEvents);
            // the host's prefix is the page's: no redirect of the host's own root
            StatusPageRoutes statusPageRoutes = new StatusPageRoutes(() -> statusPage, b.ownVersion, false);
            this.allRoutes = rules -> rules.register(routes).register(statusPageRoutes);
        } catch (RuntimeException | Error failed) {
            for (AutoCloseable resource : started) {
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // the build's own failure is what the caller hears about
                }
            }
            throw failed;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the background checks (model rounds and database/cache checks). Idempotent. */
    public synchronized HealthModule start() {
        if (!started) {
            monitor.start();
            started = true;
        }
        return this;
    }

    // --- the use cases ---

    public GetProxyHealthQuery proxyHealth() {
        return queries;
    }

    public GetReadinessQuery readiness() {
        return queries;
    }

    public GetLivenessQuery liveness() {
        return queries;
    }

    public GetModelHealthQuery modelHealth() {
        return queries;
    }

    public GetServiceHealthQuery serviceHealth() {
        return queries;
    }

    /**
     * The first step of the host's graceful shutdown: readiness answers {@code not_ready} from now on
     * while every endpoint keeps answering, so load balancers stop sending before the host stops.
     */
    public BeginDrainUseCase drain() {
        // the status page's live streams end too, so none holds the host's shutdown up
        return () -> {
            queries.beginDrain();
            statusPage.drain();
        };
    }

    /** One model round now, on the caller's thread (e.g. after the host's router reloaded its deployments). */
    public RunCheckRoundUseCase checkRound() {
        return measuredRounds;
    }

    /** One model group checked now ({@code /health?model=}). */
    public CheckModelNowUseCase checkModelNow() {
        return rounds;
    }

    /**
     * Where the host reports each real call's outcome (status, latency, tokens, cost): passive health
     * (LiteLLM's allowed_fails/cooldown rule), traffic metrics, and the evidence that lets a round skip
     * a paid probe for a deployment real traffic already vouches for.
     */
    public RecordTrafficUseCase traffic() {
        return traffic;
    }

    /** Which deployments of a model group to route to now (healthy ones; all of them in panic mode). */
    public GetRoutableDeploymentsQuery routing() {
        return traffic;
    }

    /** What the module knows now; a replacement module (a reload) continues from it ({@link Builder#continueFrom}). */
    public HealthSnapshot snapshot() {
        return store.current();
    }

    /** Sends a test alert to every configured channel and says which succeeded ({@code POST /health/alerts/test}). */
    public SendTestAlertUseCase testAlert() {
        return alerts;
    }

    /** {@code POST /health/alerts/test} behind the master key, for {@code AlertTestRoutes}. */
    public AlertTestEndpoint alertTestEndpoint() {
        return new AlertTestEndpoint(alerts, access);
    }

    /** The database and cache checked once now, on the caller's thread. */
    public void checkServices() {
        serviceChecks.checkServices();
    }

    // --- the HTTP side ---

    /**
     * The Helidon routes: {@code /health}, {@code /health/readiness}, {@code /health/liveliness},
     * {@code /health/liveness}, {@code /health/models}, {@code /health/services}, {@code /metrics}, and the status
     * page ({@code /health/ui}, {@code /health/uptime}, {@code /health/events}), relative to wherever the host
     * registers them ({@code routing.register("/ops", module.routes())}).
     */
    public HttpService routes() {
        return allRoutes;
    }

    /** The status page's answers, for a host on another HTTP stack (or one that mounts {@link StatusPageRoutes} itself). */
    public StatusPage statusPage() {
        return statusPage;
    }

    /** The framework-neutral dispatch (method, path, access, HEAD/OPTIONS/405) behind {@link #routes()}. */
    public HealthEndpoints endpoints() {
        return routes.endpoints();
    }

    /** Each endpoint's answer (status, content type, body), for a host on another HTTP stack. */
    public HealthResponses responses() {
        return responses;
    }

    /** The Prometheus scrape (text or OpenMetrics by {@code Accept}). */
    public MetricsEndpoint metrics() {
        return metrics;
    }

    /** Where the health metrics are registered; the host may register its own collectors here too. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * For the host's listener ({@code WebServer.builder().directHandlers(...)}): Helidon's own answers to malformed
     * requests, request heads cut short and unsupported versions or encodings, which never reach a route, in the JSON
     * error shape and as 4xx (Helidon's default is text/plain, and a 500 with a stack trace in the log for a head the
     * client cut short); counted in {@code llm_health_client_errors_total} on {@link #registry()}. The routes themselves
     * read no body and answer before Helidon discards one, so they need nothing more.
     */
    public DirectHandlers directHandlers() {
        return JsonDirectHandler.directHandlers(() -> clientErrors);
    }

    /** Where requests the clients got wrong are counted, for a host that refuses some itself. */
    public ClientErrors clientErrors() {
        return clientErrors;
    }

    /**
     * For the host's own listener ({@code WebServer.builder().addConnectionSelector(...)}): answers
     * HTTP/1.0 requests (HAProxy, nginx's default {@code proxy_pass}, check_http) for the health paths
     * at the listener's root, the same as {@link #routes()}.
     */
    public Http10ConnectionSelector http10ConnectionSelector() {
        return new Http10ConnectionSelector(routes.endpoints());
    }

    /** Stops the scheduler and the check threads; the host's adapters stay the host's to close. */
    @Override
    public void close() {
        List<AutoCloseable> resources = new ArrayList<>(List.of(monitor, rounds, serviceChecks, statusPage));
        if (transitionAlerts != null) {
            resources.add(transitionAlerts);
        }
        resources.add(alerts);
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // shutting down: the others still get closed
            }
        }
    }

    /** Only the router and the model probe are required; everything else has the standalone app's default. */
    public static final class Builder {
        private RouterState router;
        private Function<ProbeSpend, ModelProbe> modelProbe;
        private ProbeSchedulingSettings probeScheduling;
        private PassiveHealthSettings passiveHealth = PassiveHealthSettings.defaults();
        private int panicThresholdPercent = DEFAULT_PANIC_THRESHOLD_PERCENT;
        private boolean healthCheckDetails = true;
        private Optional<HealthSnapshot> continueFrom = Optional.empty();
        private List<AlertChannel> alertChannels = List.of();
        private SchemaInitializer schema;
        private AlertSettings alertSettings = AlertSettings.defaults();
        private AlertClaims alertClaims = AlertClaims.local();
        private DatabaseProbe database = DatabaseProbe.NOT_CONFIGURED;
        private CacheProbe cache = CacheProbe.NOT_CONFIGURED;
        private Clock clock = Clock.systemUTC();
        private HealthSettings settings = HealthSettings.defaults();
        private Optional<String> masterKey = Optional.empty();
        private boolean metricsRequireAuth;
        private String litellmVersion = Versions.LITELLM_COMPATIBLE;
        private String ownVersion = Versions.OWN;
        private PrometheusRegistry registry;
        private CollectorRegistry legacyCollectors = CollectorRegistry.defaultRegistry;
        private boolean standardCollectors = true;
        private List<DeploymentLabels> labels = List.of();
        private ProbeCoordination coordination = ProbeCoordination.local(CoordinationMode.LONE_REPLICA);
        private HealthHistory history = new InMemoryHealthHistory(InMemoryHealthHistory.DEFAULT_CAPACITY);
        private final List<TransitionListener> transitionListeners = new ArrayList<>();

        private Builder() {
        }

        /** The host router's current deployments; read at every round, so it may change at run time. */
        public Builder router(RouterState router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /** How a deployment is checked; what completion probes spend is then not counted (see the other overload). */
        public Builder modelProbe(ModelProbe modelProbe) {
            Objects.requireNonNull(modelProbe, "modelProbe");
            this.modelProbe = spend -> modelProbe;
            return this;
        }

        /**
         * How a deployment is checked, built with the sink its completion probes report their tokens and
         * cost to (the daily probe budget, then the probe spend metrics), e.g.
         * {@code spend -> ProviderProbes.create(endpoints, redactor, outbound, spend)}.
         */
        public Builder modelProbe(Function<ProbeSpend, ModelProbe> modelProbe) {
            this.modelProbe = Objects.requireNonNull(modelProbe, "modelProbe");
            return this;
        }

        /**
         * {@code skip_probe_when_traffic_ok}, {@code unhealthy_interval} (unhealthy deployments re-probed
         * between rounds) and {@code health_check_daily_budget}. Default: {@link ProbeSchedulingSettings#defaults}.
         */
        public Builder probeScheduling(ProbeSchedulingSettings probeScheduling) {
            this.probeScheduling = Objects.requireNonNull(probeScheduling, "probeScheduling");
            return this;
        }

        /** What real traffic may do to a deployment ({@code allowed_fails}, {@code cooldown_time}, ...). Default: LiteLLM's. */
        public Builder passiveHealth(PassiveHealthSettings passiveHealth) {
            this.passiveHealth = Objects.requireNonNull(passiveHealth, "passiveHealth");
            return this;
        }

        /** Below this share of healthy deployments a group's calls go to all of them (0: never). Default: 50. */
        public Builder panicThresholdPercent(int panicThresholdPercent) {
            if (panicThresholdPercent < 0 || panicThresholdPercent > 100) {
                throw new IllegalArgumentException("panicThresholdPercent must be between 0 and 100");
            }
            this.panicThresholdPercent = panicThresholdPercent;
            return this;
        }

        /** False: deployments are listed without api_base, error and warning (LiteLLM's {@code health_check_details}). */
        public Builder healthCheckDetails(boolean healthCheckDetails) {
            this.healthCheckDetails = healthCheckDetails;
            return this;
        }

        /**
         * Where alerts go (Slack, a webhook, e-mail: {@code health-adapters-alerts}), which changes raise them,
         * and how replicas agree on who sends one ({@code RedisAlertClaims}; default: this replica alone).
         */
        public Builder alerts(List<AlertChannel> channels, AlertSettings settings, AlertClaims claims) {
            this.alertChannels = List.copyOf(channels);
            this.alertSettings = Objects.requireNonNull(settings, "settings");
            this.alertClaims = Objects.requireNonNull(claims, "claims");
            return this;
        }

        /** The snapshot of the module this one replaces (a config reload): verdicts and service states carry over. */
        public Builder continueFrom(HealthSnapshot previous) {
            this.continueFrom = Optional.of(previous);
            return this;
        }

        /** Default: not configured (reported {@code not_configured}, never unhealthy). */
        public Builder database(DatabaseProbe database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /**
         * What puts the app's schema into the database once it answers (e.g. {@code PostgresDatabaseProbe}, which is one).
         * Default: the database probe when it is one, else nothing to apply (the database counts as initialized once it answers).
         */
        public Builder schema(SchemaInitializer schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /** Default: not configured. */
        public Builder cache(CacheProbe cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /**
         * How the host's replicas share probe leases and verdicts (e.g. {@code RedisProbeCoordination}).
         * Default: this replica alone probes everything.
         */
        public Builder coordination(ProbeCoordination coordination) {
            this.coordination = Objects.requireNonNull(coordination, "coordination");
            return this;
        }

        /** Where state transitions are kept and {@code /health/history} reads them (e.g. {@code PostgresHealthHistory}). Default: in memory. */
        public Builder history(HealthHistory history) {
            this.history = Objects.requireNonNull(history, "history");
            return this;
        }

        /**
         * Told of each state change this replica records (after the history and the log): alerts, live
         * views, the host's own hooks. It must return at once. May be called more than once.
         */
        public Builder transitionListener(TransitionListener listener) {
            transitionListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Default: {@link HealthSettings#defaults()} (LiteLLM's defaults). */
        public Builder settings(HealthSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** With a key, {@code /health} answers only its status without it and the detailed endpoints 401. */
        public Builder masterKey(String masterKey) {
            this.masterKey = Optional.ofNullable(masterKey).filter(k -> !k.isBlank());
            return this;
        }

        public Builder metricsRequireAuth(boolean metricsRequireAuth) {
            this.metricsRequireAuth = metricsRequireAuth;
            return this;
        }

        /** The {@code litellm_version} the answers report. */
        public Builder litellmVersion(String litellmVersion) {
            this.litellmVersion = Objects.requireNonNull(litellmVersion, "litellmVersion");
            return this;
        }

        /** Sent as {@code x-llm-health-version}. */
        public Builder ownVersion(String ownVersion) {
            this.ownVersion = Objects.requireNonNull(ownVersion, "ownVersion");
            return this;
        }

        /** The registry {@code /metrics} serves. Default: a new one. */
        public Builder registry(PrometheusRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Where the host's legacy {@code simpleclient} (0.x) collectors live, bridged onto {@code /metrics}. Default: its default registry. */
        public Builder legacyCollectors(CollectorRegistry legacyCollectors) {
            this.legacyCollectors = Objects.requireNonNull(legacyCollectors, "legacyCollectors");
            return this;
        }

        /**
         * False leaves out the JVM metrics and the simpleclient bridge (when the host already exports
         * them on the same registry: registering them twice fails).
         */
        public Builder standardCollectors(boolean standardCollectors) {
            this.standardCollectors = standardCollectors;
            return this;
        }

        /** The metric labels (upstream model, provider) of the deployments; by default from the deployment itself. */
        public Builder labels(List<DeploymentLabels> labels) {
            this.labels = List.copyOf(labels);
            return this;
        }

        public HealthModule build() {
            if (router == null) {
                throw new IllegalStateException("HealthModule needs a router (RouterState): the deployments to check");
            }
            if (modelProbe == null) {
                throw new IllegalStateException("HealthModule needs a model probe (ModelProbe): how a deployment is checked");
            }
            return new HealthModule(this);
        }
    }
}
