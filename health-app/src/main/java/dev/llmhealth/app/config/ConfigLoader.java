package dev.llmhealth.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmhealth.adapters.probes.postgres.PostgresConnectionSettings;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.PassiveHealthSettings;
import dev.llmhealth.domain.model.ProbeSchedulingSettings;
import dev.llmhealth.domain.model.ServiceName;
import java.io.IOException;
import java.time.Duration;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads LiteLLM's {@code config.yaml} ({@code model_list}, {@code general_settings},
 * {@code router_settings}, {@code environment_variables}) and the environment, which overrides the
 * file ({@code DATABASE_URL}, {@code REDIS_*}, {@code LITELLM_MASTER_KEY}, {@code PORT}).
 */
public final class ConfigLoader {

    private static final YAMLFactory YAML_FACTORY = new YAMLFactory();
    private static final ObjectMapper YAML = new ObjectMapper(YAML_FACTORY);
    /** Far above any real config (20,000 deployments take 2.5 MB), far below what makes parsing slow. */
    static final int MAX_CONFIG_BYTES = 16 * 1024 * 1024;
    /** LiteLLM's default {@code request_timeout}. */
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(600);

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public ProxyConfig load(Path file) {
        ConfigIncludes.Parsed parsed = readFile(file, MAX_CONFIG_BYTES, "--config");
        return fromTree(includes(parsed.bytes()).resolve(file, parsed.tree()));
    }

    /** A config given as text; its {@code include:} paths are relative to the working directory. */
    public ProxyConfig parse(String yaml) {
        if (yaml.length() > MAX_CONFIG_BYTES) {
            throw new ConfigException("config.yaml", "is larger than " + MAX_CONFIG_BYTES / (1024 * 1024) + " MiB");
        }
        JsonNode tree = readTree(yaml, "config.yaml");
        return fromTree(includes(yaml.length()).resolve(Path.of("config.yaml"), tree));
    }

    /** Included files share the one config's size limit with the file that includes them. */
    private static ConfigIncludes includes(long bytesUsed) {
        return new ConfigIncludes((file, left) -> readFile(file, left, file.toString()), MAX_CONFIG_BYTES - bytesUsed);
    }

    private static ConfigIncludes.Parsed readFile(Path file, long maxBytes, String key) {
        String text;
        try {
            if (Files.size(file) > maxBytes) {
                throw new ConfigException(key, "file " + file + (maxBytes == MAX_CONFIG_BYTES ? " is larger than " : " makes the config larger than ")
                        + MAX_CONFIG_BYTES / (1024 * 1024) + " MiB");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException missing) {
            throw new ConfigException(key, "file " + file + " does not exist");
        } catch (java.nio.charset.CharacterCodingException notText) {
            throw new ConfigException(key, "file " + file + " is not UTF-8 text");
        } catch (IOException unreadable) {
            throw new ConfigException(key, "file " + file + " cannot be read (" + unreadable.getClass().getSimpleName() + ")");
        }
        String name = key.equals("--config") ? "config.yaml" : file.getFileName().toString();
        return new ConfigIncludes.Parsed(readTree(text, name), text.length());
    }

    private static JsonNode readTree(String yaml, String name) {
        JsonNode tree;
        try {
            tree = yaml.isBlank() ? YAML.createObjectNode() : YamlTree.read(YAML_FACTORY, yaml);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException tooDeepOrLong) {
            throw new ConfigException(name, "exceeds the YAML parser's limits (nesting depth 1000, values of 20 MB)");
        } catch (IOException malformed) {
            // the parser's message quotes the offending text, which may be a secret: give the position only
            String where = malformed instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? " at line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr() : "";
            throw new ConfigException(name, "is not valid YAML" + where);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = YAML.createObjectNode();
        }
        return tree;
    }

    private ProxyConfig fromTree(JsonNode tree) {
        Map<String, String> env = withConfigEnvironment(tree);
        ConfigNode root = new ConfigNode("", tree, env);
        if (!tree.isObject()) {
            throw new ConfigException("config.yaml", "must be a mapping with keys such as model_list and general_settings");
        }
        ConfigNode general = root.child("general_settings");
        ConfigNode router = root.child("router_settings");
        Set<String> secrets = new HashSet<>();

        List<String> warnings = new ArrayList<>();
        List<ModelEntry> models = new ModelListReader(general, env, CredentialList.read(root.child("credential_list")), warnings)
                .read(root.child("model_list"));
        models.forEach(m -> m.apiKey().ifPresent(secrets::add));

        Optional<String> databaseUrl = firstPresent(env("DATABASE_URL"), general.child("database_url").optionalString());
        String databaseUrlKey = env("DATABASE_URL").isPresent() ? "DATABASE_URL" : "general_settings.database_url";
        databaseUrl.ifPresent(url -> {
            userInfoPassword(url).ifPresent(secrets::add);
            secrets.add(requireDatabaseUrl(databaseUrlKey, url).password());
        });
        secrets.remove("");
        Optional<ProxyConfig.RedisTarget> redis = new RedisSettingsReader(env, warnings).read(router);
        redis.flatMap(ProxyConfig.RedisTarget::password).ifPresent(secrets::add);
        Optional<String> masterKey = firstPresent(env("LITELLM_MASTER_KEY"), general.child("master_key").optionalString());
        masterKey.ifPresent(secrets::add);

        HealthSettings health = healthSettings(general);
        int maxTokens = general.child("health_check_max_tokens").intOr(16, 1, 4096);
        int port = env("PORT").map(p -> new ConfigNode("PORT", YAML.getNodeFactory().textNode(p), env).intOr(4000, 0, 65535))
                .orElse(4000);
        String host = env("HOST").orElse("0.0.0.0");
        boolean metricsRequireAuth = general.child("metrics_require_auth").boolOr(false);
        PassiveHealthSettings passiveHealth = passiveHealthSettings(router);
        ConfigNode requestTimeout = root.child("litellm_settings").child("request_timeout");
        Duration timeout = (requestTimeout.isMissing() ? router.child("timeout") : requestTimeout).secondsOr(DEFAULT_REQUEST_TIMEOUT, false);
        ProxyConfig.Outbound outbound = new OutboundReader(env).read(root, secrets);
        AlertingConfig alerting = new AlertingReader(env, warnings).read(general, port, secrets);
        secrets.remove("");
        return new ProxyConfig(models, health, databaseUrl, redis, masterKey, metricsRequireAuth, maxTokens, port, host, secrets,
                passiveHealth, timeout, outbound, probeScheduling(general, health),
                general.child("panic_threshold_percent").intOr(ProxyConfig.DEFAULT_PANIC_THRESHOLD_PERCENT, 0, 100),
                new ReplicaSettingsReader(env).read(general), shutdown(general),
                general.child("health_check_details").boolOr(true), warnings, alerting);
    }

    /** {@code shutdown_drain_delay} (default 5 s, 0 allowed) and {@code shutdown_grace_period} (default 25 s), drain within grace. */
    private static ProxyConfig.Shutdown shutdown(ConfigNode general) {
        ProxyConfig.Shutdown defaults = ProxyConfig.Shutdown.DEFAULT;
        ConfigNode graceNode = general.child("shutdown_grace_period");
        Duration grace = graceNode.secondsOr(defaults.gracePeriod(), true);
        ConfigNode drainNode = general.child("shutdown_drain_delay");
        Duration drain = drainNode.secondsOr(defaults.drainDelay().compareTo(grace) > 0 ? grace : defaults.drainDelay(), true);
        if (drain.compareTo(grace) > 0) {
            throw new ConfigException(drainNode.path(), "must not be longer than shutdown_grace_period (" + grace.toMillis() / 1000.0
                    + " s), got " + drain.toMillis() / 1000.0 + " s");
        }
        return new ProxyConfig.Shutdown(drain, grace);
    }

    /** {@code skip_probe_when_traffic_ok} (default true) and {@code unhealthy_interval} (default: the interval, at most it). */
    private static ProbeSchedulingSettings probeScheduling(ConfigNode general, HealthSettings health) {
        ConfigNode unhealthyNode = general.child("unhealthy_interval");
        Duration unhealthyInterval = unhealthyNode.secondsOr(health.interval(), false);
        if (unhealthyInterval.compareTo(health.interval()) > 0) {
            throw new ConfigException(unhealthyNode.path(), "must not be longer than health_check_interval ("
                    + health.interval().toMillis() / 1000.0 + " s), got " + unhealthyInterval.toMillis() / 1000.0 + " s");
        }
        return new ProbeSchedulingSettings(general.child("skip_probe_when_traffic_ok").boolOr(true), unhealthyInterval,
                dailyBudget(general.child("health_check_daily_budget")));
    }

    /** {@code health_check_daily_budget} in USD; absent or 0: no budget. */
    private static double dailyBudget(ConfigNode node) {
        return node.optionalString().map(text -> {
            double usd;
            try {
                usd = Double.parseDouble(text);
            } catch (NumberFormatException notANumber) {
                throw new ConfigException(node.path(), "must be an amount in USD, e.g. 0.50");
            }
            if (!(usd >= 0) || Double.isInfinite(usd)) {
                throw new ConfigException(node.path(), "must be an amount in USD of 0 (no budget) or more, got " + text);
            }
            return usd;
        }).orElse(0.0);
    }

    /** LiteLLM's router cooldown knobs, where LiteLLM reads them: {@code router_settings}. */
    private static PassiveHealthSettings passiveHealthSettings(ConfigNode router) {
        PassiveHealthSettings defaults = PassiveHealthSettings.defaults();
        try {
            Duration cooldown = router.child("cooldown_time").secondsOr(defaults.cooldownTime(), false);
            // a long cooldown_time alone raises the cap with it rather than failing the config
            Duration defaultCap = cooldown.compareTo(defaults.maxCooldownTime()) > 0 ? cooldown : defaults.maxCooldownTime();
            return new PassiveHealthSettings(
                    !router.child("disable_cooldowns").boolOr(false),
                    router.child("allowed_fails").intOr(defaults.allowedFails(), 0, 1_000_000),
                    defaults.window(),
                    cooldown,
                    router.child("max_cooldown_time").secondsOr(defaultCap, false));
        } catch (IllegalArgumentException invalid) {
            throw new ConfigException("router_settings", invalid.getMessage());
        }
    }

    private HealthSettings healthSettings(ConfigNode general) {
        HealthSettings defaults = HealthSettings.defaults();
        Set<ServiceName> required = EnumSet.of(ServiceName.DATABASE);
        ConfigNode requiredNode = general.child("required_services");
        if (!requiredNode.isMissing()) {
            required = EnumSet.noneOf(ServiceName.class);
            for (String name : requiredNode.stringList()) {
                required.add(ServiceName.fromKey(name).orElseThrow(() -> new ConfigException(requiredNode.path(),
                        "unknown service '" + name + "'; known: database, redis")));
            }
        }
        try {
            return new HealthSettings(
                    general.child("health_check_interval").secondsOr(defaults.interval(), false),
                    general.child("health_check_timeout").secondsOr(defaults.timeout(), false),
                    general.child("interval_jitter_percent").intOr(defaults.jitterPercent(), 0, 100),
                    general.child("initial_jitter").secondsOr(defaults.initialJitter(), true),
                    general.child("service_check_interval").secondsOr(defaults.serviceCheckInterval(), false),
                    general.child("unhealthy_threshold").intOr(defaults.unhealthyThreshold(), 1, 1000),
                    general.child("healthy_threshold").intOr(defaults.healthyThreshold(), 1, 1000),
                    general.child("health_check_ignore_transient_errors").boolOr(defaults.ignoreTransientErrors()),
                    general.child("background_health_checks").boolOr(defaults.backgroundChecks()),
                    general.child("health_check_concurrency").intOr(defaults.globalConcurrency(), 1, 10_000),
                    general.child("health_check_concurrency_per_host").intOr(defaults.perHostConcurrency(), 1, 10_000),
                    required);
        } catch (IllegalArgumentException invalid) {
            throw new ConfigException("general_settings", invalid.getMessage());
        }
    }

    /** LiteLLM's {@code environment_variables} section fills in what the real environment lacks. */
    private Map<String, String> withConfigEnvironment(JsonNode tree) {
        Map<String, String> merged = new HashMap<>();
        JsonNode section = tree.path("environment_variables");
        if (section.isObject()) {
            section.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) {
                    throw new ConfigException("environment_variables." + e.getKey(), "must be a single value, not a "
                            + (e.getValue().isArray() ? "list" : "mapping"));
                }
                if (!e.getValue().isNull()) {
                    merged.put(e.getKey(), e.getValue().asText());
                }
            });
        } else if (!section.isMissingNode() && !section.isNull()) {
            throw new ConfigException("environment_variables", "must be a mapping of variable names to values");
        }
        merged.putAll(environment);
        return merged;
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }

    @SafeVarargs
    private static Optional<String> firstPresent(Optional<String>... candidates) {
        for (Optional<String> candidate : candidates) {
            if (candidate.isPresent()) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    /** Read as the database adapter will read it, so a bad URL fails here, naming the key; its messages never quote the URL. */
    private static PostgresConnectionSettings requireDatabaseUrl(String key, String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (!(lower.startsWith("postgresql://") || lower.startsWith("postgres://") || lower.startsWith("jdbc:postgresql://"))) {
            throw new ConfigException(key, "must be a postgresql:// URL");
        }
        try {
            return PostgresConnectionSettings.fromDatabaseUrl(url);
        } catch (IllegalArgumentException invalid) {
            throw new ConfigException(key, "is not a valid database URL: " + invalid.getMessage());
        }
    }

    /** The password in {@code scheme://user:password@host}, so it can be masked everywhere. */
    static Optional<String> userInfoPassword(String url) {
        try {
            String userInfo = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url).getRawUserInfo();
            if (userInfo != null && userInfo.contains(":")) {
                String raw = userInfo.substring(userInfo.indexOf(':') + 1);
                return Optional.of(java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException notAUri) {
            // not parseable as a URI: the database adapter reports it, without the value
        }
        return Optional.empty();
    }
}
