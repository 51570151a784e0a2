package dev.llmhealth.app.config;

import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.PassiveHealthSettings;
import dev.llmhealth.domain.model.ProbeSchedulingSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the app reads from {@code config.yaml} and the environment, validated.
 *
 * @param secrets        every secret value the config holds, so they can be masked wherever text leaves the process
 * @param passiveHealth  what real traffic may do to a deployment ({@code router_settings.allowed_fails}, {@code cooldown_time}, ...)
 * @param requestTimeout how long the pass-through waits for one upstream call ({@code litellm_settings.request_timeout})
 * @param outbound       how probes reach providers: proxy variables, CA bundle, {@code ssl_verify}
 * @param probeScheduling when a probe may be skipped and how soon unhealthy deployments are re-probed
 *                        ({@code skip_probe_when_traffic_ok}, {@code unhealthy_interval})
 * @param panicThresholdPercent {@code panic_threshold_percent}: below this share of healthy deployments a model group's
 *                              calls go to all of its deployments (0: never)
 * @param replicas        this replica's name, probe sharing through Redis, and the history's retention and buffer
 * @param shutdown        how a SIGTERM drains the replica ({@code shutdown_drain_delay}, {@code shutdown_grace_period})
 * @param healthCheckDetails {@code general_settings.health_check_details}: false hides each deployment's api_base and
 *                           error text from {@code /health} and {@code /health/models}, as LiteLLM does
 * @param alerting        the alert channels ({@code general_settings.alerting}) and how alerts are raised
 * @param warnings        what an operator should know about the config that does not stop it (a deployment that cannot
 *                        work as written, an entry loaded once), each naming the key, never a value
 */
public record ProxyConfig(
        List<ModelEntry> models,
        HealthSettings health,
        Optional<String> databaseUrl,
        Optional<RedisTarget> redis,
        Optional<String> masterKey,
        boolean metricsRequireAuth,
        int maxTokens,
        int port,
        String host,
        Set<String> secrets,
        PassiveHealthSettings passiveHealth,
        Duration requestTimeout,
        Outbound outbound,
        ProbeSchedulingSettings probeScheduling,
        int panicThresholdPercent,
        ReplicaSettings replicas,
        Shutdown shutdown,
        boolean healthCheckDetails,
        List<String> warnings,
        AlertingConfig alerting) {

    /** The default {@code panic_threshold_percent}: the embeddable module's. */
    public static final int DEFAULT_PANIC_THRESHOLD_PERCENT = dev.llmhealth.embedded.HealthModule.DEFAULT_PANIC_THRESHOLD_PERCENT;

    /** With the default shutdown. */
    public ProxyConfig(List<ModelEntry> models, HealthSettings health, Optional<String> databaseUrl, Optional<RedisTarget> redis,
                       Optional<String> masterKey, boolean metricsRequireAuth, int maxTokens, int port, String host, Set<String> secrets,
                       PassiveHealthSettings passiveHealth, Duration requestTimeout, Outbound outbound,
                       ProbeSchedulingSettings probeScheduling, int panicThresholdPercent, ReplicaSettings replicas) {
        this(models, health, databaseUrl, redis, masterKey, metricsRequireAuth, maxTokens, port, host, secrets, passiveHealth,
                requestTimeout, outbound, probeScheduling, panicThresholdPercent, replicas, Shutdown.DEFAULT, true, List.of(),
                AlertingConfig.NONE);
    }

    /** With the default probe scheduling for {@code health} and the default panic threshold. */
    public ProxyConfig(List<ModelEntry> models, HealthSettings health, Optional<String> databaseUrl, Optional<RedisTarget> redis,
                       Optional<String> masterKey, boolean metricsRequireAuth, int maxTokens, int port, String host, Set<String> secrets,
                       PassiveHealthSettings passiveHealth, Duration requestTimeout, Outbound outbound) {
        this(models, health, databaseUrl, redis, masterKey, metricsRequireAuth, maxTokens, port, host, secrets, passiveHealth,
                requestTimeout, outbound, ProbeSchedulingSettings.defaults(health), DEFAULT_PANIC_THRESHOLD_PERCENT,
                ReplicaSettings.defaults(dev.llmhealth.domain.model.CoordinationMode.LONE_REPLICA));
    }

    /** With this replica name (a reload keeps the running replica's name, so its leases stay its own). */
    public ProxyConfig withReplicaName(String replica) {
        ReplicaSettings r = replicas;
        return new ProxyConfig(models, health, databaseUrl, redis, masterKey, metricsRequireAuth, maxTokens, port, host, secrets,
                passiveHealth, requestTimeout, outbound, probeScheduling, panicThresholdPercent,
                new ReplicaSettings(replica, r.shareProbes(), r.namespace(), r.historyRetention(), r.historyCapacity()), shutdown,
                healthCheckDetails, warnings, alerting);
    }

    /** With another listening host (the {@code --host} flag). */
    public ProxyConfig withHost(String newHost) {
        return new ProxyConfig(models, health, databaseUrl, redis, masterKey, metricsRequireAuth, maxTokens, port, newHost, secrets,
                passiveHealth, requestTimeout, outbound, probeScheduling, panicThresholdPercent, replicas, shutdown, healthCheckDetails,
                warnings, alerting);
    }

    /**
     * What SIGTERM does: readiness answers {@code not_ready} at once and everything is still served for
     * {@code drainDelay}, so load balancers stop sending; then requests in flight may finish until
     * {@code gracePeriod} (counted from the signal) ends; then the server stops and the process exits 0.
     *
     * @param drainDelay  {@code general_settings.shutdown_drain_delay}, default 5 s
     * @param gracePeriod {@code general_settings.shutdown_grace_period}, default 25 s (under Kubernetes' default
     *                    terminationGracePeriodSeconds of 30)
     */
    public record Shutdown(Duration drainDelay, Duration gracePeriod) {

        public static final Shutdown DEFAULT = new Shutdown(Duration.ofSeconds(5), Duration.ofSeconds(25));

        public Shutdown {
            if (drainDelay.isNegative() || drainDelay.compareTo(gracePeriod) > 0) {
                throw new IllegalArgumentException("shutdown_drain_delay must be between 0 and shutdown_grace_period");
            }
        }
    }

    /** Where Redis is: host, port, optional credentials, TLS, and the logical database ({@code /db} in a URL). */
    /** @param configProblem set when the settings are a placeholder: Redis is then reported disconnected with it, never reached */
    public record RedisTarget(String host, int port, Optional<String> username, Optional<String> password, boolean ssl, int database,
                              Optional<String> configProblem) {

        public RedisTarget(String host, int port, Optional<String> username, Optional<String> password, boolean ssl) {
            this(host, port, username, password, ssl, 0);
        }

        public RedisTarget(String host, int port, Optional<String> username, Optional<String> password, boolean ssl, int database) {
            this(host, port, username, password, ssl, database, Optional.empty());
        }
    }

    /**
     * How probes go out.
     *
     * @param proxyEnvironment the proxy variables that were set ({@code HTTPS_PROXY}, {@code NO_PROXY}, ...), by name
     * @param caBundle         a PEM file whose CAs replace the JDK's ({@code ssl_verify: <path>} or {@code SSL_CERT_FILE})
     * @param sslVerify        false for LiteLLM's {@code ssl_verify: false}: certificates are not checked at all
     */
    public record Outbound(Map<String, String> proxyEnvironment, Optional<Path> caBundle, boolean sslVerify) {

        /** No proxy variables, the JDK's CAs, certificates checked. */
        public static final Outbound DEFAULT = new Outbound(Map.of(), Optional.empty(), true);

        public Outbound {
            proxyEnvironment = Map.copyOf(proxyEnvironment);
        }
    }

    public ProxyConfig {
        models = List.copyOf(models);
        secrets = Set.copyOf(secrets);
        warnings = List.copyOf(warnings);
    }
}
