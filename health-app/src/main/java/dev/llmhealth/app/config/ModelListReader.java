package dev.llmhealth.app.config;

import dev.llmhealth.adapters.probes.models.ProviderCatalog;
import dev.llmhealth.domain.model.ProbeMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads {@code model_list} into deployments the health subsystem can check, the way LiteLLM's router
 * reads it: ids hashed over every {@code litellm_params} (so load-balanced entries that differ only in
 * a key or a region stay apart), keys and base URLs from {@code litellm_credential_name} or the
 * provider's environment variables when the entry has none, and a deployment that cannot work as
 * written (an {@code api_base} that is not a URL, an unset {@code os.environ/} variable) loaded as
 * unhealthy with a warning rather than refusing the whole config.
 */
final class ModelListReader {

    private static final System.Logger LOG = System.getLogger(ModelListReader.class.getName());

    private final ConfigNode general;
    private final Map<String, String> environment;
    private final CredentialList credentials;
    private final List<String> warnings;
    /** Providers left unprobed, with how many deployments each and why: logged once per provider. */
    private final Map<String, Integer> unprobed = new TreeMap<>();
    private final Map<String, String> unprobedWhy = new HashMap<>();

    /** @param warnings collects what an operator should know about the config that does not stop it */
    ModelListReader(ConfigNode general, Map<String, String> environment, CredentialList credentials, List<String> warnings) {
        this.general = general;
        this.environment = environment;
        this.credentials = credentials;
        this.warnings = warnings;
    }

    List<ModelEntry> read(ConfigNode modelList) {
        ProbeMode defaultMode = probeMode(general.child("health_check_mode"), ProbeMode.MODELS);
        List<ModelEntry> entries = new ArrayList<>();
        Map<String, String> explicitIds = new HashMap<>();
        Map<String, String> derivedIds = new HashMap<>();
        for (ConfigNode item : modelList.list()) {
            ModelEntry entry = entry(item, defaultMode);
            ConfigNode idNode = item.child("model_info").child("id");
            if (!idNode.isMissing()) {
                String first = explicitIds.putIfAbsent(entry.id(), idNode.path());
                if (first != null || derivedIds.containsKey(entry.id())) {
                    throw new ConfigException(idNode.path(), "duplicate deployment id '" + entry.id() + "'");
                }
            } else {
                String first = derivedIds.putIfAbsent(entry.id(), item.path());
                if (first != null) {
                    // LiteLLM loads the same entry twice as one deployment; say so rather than refuse the config
                    warnings.add(item.path() + ": the same model_name and litellm_params as " + first + "; loaded once");
                    continue;
                }
                if (explicitIds.containsKey(entry.id())) {
                    throw new ConfigException(item.path(), "duplicate deployment id '" + entry.id() + "'");
                }
            }
            entry.configProblem().ifPresent(problem -> warnings.add(item.path() + " (" + entry.modelName() + "): " + problem
                    + "; this deployment is reported unhealthy"));
            entries.add(entry);
        }
        unprobed.forEach((provider, count) -> {
            String why = unprobedWhy.get(provider);
            LOG.log(System.Logger.Level.WARNING, "no health probe for provider ''{0}'' ({1} deployment(s)): {2};"
                    + " reported as assumed healthy", provider, count, why);
        });
        return entries;
    }

    private ModelEntry entry(ConfigNode item, ProbeMode defaultMode) {
        String modelName = item.child("model_name").requiredString();
        ConfigNode params = item.child("litellm_params");
        ConfigNode info = item.child("model_info");
        String model = params.child("model").requiredString();
        ProviderModel providerModel = ProviderModel.of(model, params.child("custom_llm_provider").optionalString());
        String provider = providerModel.provider();
        ProviderCatalog.ProviderSpec spec = ProviderCatalog.of(provider);
        DeploymentParams values = new DeploymentParams(params, credentials, environment, spec);
        // LiteLLM puts health_check_model in place of model, so its provider prefix goes the same way
        String upstreamModel = params.child("health_check_model").optionalString()
                .or(() -> info.child("health_check_model").optionalString())
                .map(checked -> ProviderModel.of(checked, Optional.of(provider)).model())
                .orElse(providerModel.model());
        String mode = info.child("mode").optionalString().orElseGet(() -> ModelModes.guess(provider, providerModel.model()));
        ProbeMode probeMode = probeMode(info.child("health_check_mode"), defaultMode);

        List<String> problems = new ArrayList<>();
        values.credentialProblem().ifPresent(problems::add);
        DeploymentParams.Value key = values.apiKey();
        key.problem().ifPresent(problems::add);
        DeploymentParams.Value base = values.apiBase();
        base.problem().ifPresent(problems::add);
        DeploymentParams.Value version = values.apiVersion();
        version.problem().ifPresent(problems::add);
        String apiBase = base.value().orElse("");
        if (!apiBase.isEmpty() && !isHttpUrl(apiBase)) {
            problems.add(base.source() + " is not an http:// or https:// URL with a host");
            apiBase = "";
        }
        if (problems.isEmpty() && probeMode != ProbeMode.NONE) {
            if (spec.needsCloudSigning()) {
                unprobed(provider, "its calls need the cloud's request signing, which this service does not do");
                probeMode = ProbeMode.NONE;
            } else if (apiBase.isEmpty()) {
                unprobed(provider, "no api_base and no known default (set api_base for an HTTP reachability check)");
                probeMode = ProbeMode.NONE;
            }
        }
        Optional<String> configProblem = problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
        if (configProblem.isPresent() && probeMode == ProbeMode.NONE) {
            // a deployment that cannot work is never "assumed healthy": its check reports the problem
            probeMode = ProbeMode.MODELS;
        }
        String id = info.child("id").optionalString().orElseGet(() -> derivedId(modelName, params));
        return new ModelEntry(id, modelName, provider, upstreamModel, withoutCredentials(apiBase), key.value(), mode, probeMode,
                providerModel.model(), pricePerToken(params, info, "input_cost_per_token"),
                pricePerToken(params, info, "output_cost_per_token"), version.value(), sslVerify(params.child("ssl_verify")),
                key.value().isPresent() ? key.source() : ModelEntry.NO_CREDENTIAL, configProblem, healthCheck(info),
                new ModelEntry.CallTimeouts(seconds(params.child("timeout")), seconds(params.child("stream_timeout"))));
    }

    private void unprobed(String provider, String why) {
        unprobed.merge(provider, 1, Integer::sum);
        unprobedWhy.putIfAbsent(provider, why);
    }

    /** LiteLLM's per-model health settings in {@code model_info}. */
    private static ModelEntry.HealthCheck healthCheck(ConfigNode info) {
        return new ModelEntry.HealthCheck(seconds(info.child("health_check_timeout")), seconds(info.child("health_check_interval")),
                info.child("health_check_max_tokens").isMissing() ? 0 : info.child("health_check_max_tokens").intOr(16, 1, 4096));
    }

    private static Optional<Duration> seconds(ConfigNode node) {
        return node.isMissing() ? Optional.empty() : Optional.of(node.secondsOr(Duration.ZERO, false));
    }

    /** A deployment's own {@code ssl_verify}: a flag only (a CA bundle is set for the whole proxy). */
    private static Optional<Boolean> sslVerify(ConfigNode node) {
        return node.optionalString().map(text -> OutboundReader.bool(text).orElseThrow(() -> new ConfigException(node.path(),
                "must be true or false (a CA bundle goes in SSL_CERT_FILE or litellm_settings.ssl_verify)")));
    }

    /** LiteLLM takes custom prices in litellm_params or model_info; litellm_params wins. */
    private static double pricePerToken(ConfigNode params, ConfigNode info, String key) {
        ConfigNode node = params.child(key).isMissing() ? info.child(key) : params.child(key);
        Optional<String> text = node.optionalString();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            double price = Double.parseDouble(text.get());
            if (price >= 0 && Double.isFinite(price)) {
                return price;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ConfigException(node.path(), "must be a price per token of 0 or more, e.g. 0.0000025");
    }

    private static ProbeMode probeMode(ConfigNode node, ProbeMode fallback) {
        Optional<String> text = node.optionalString();
        if (text.isEmpty()) {
            return fallback;
        }
        return switch (text.get().toLowerCase(Locale.ROOT)) {
            case "models" -> ProbeMode.MODELS;
            case "completion" -> ProbeMode.COMPLETION;
            case "none" -> ProbeMode.NONE;
            default -> throw new ConfigException(node.path(), "must be one of models, completion, none");
        };
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return uri.getScheme() != null && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    /** api_base is shown in responses and labels: keep user:password out of it. */
    static String withoutCredentials(String apiBase) {
        return apiBase.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }

    /**
     * LiteLLM's deployment id: a hash of the model group and all of its {@code litellm_params} as
     * written (keys sorted, so their order does not matter; {@code os.environ/} references, not the
     * values they resolve to, so rotating a key keeps the id and its history).
     */
    private static String derivedId(String modelName, ConfigNode params) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((modelName + "\n" + params.canonicalText()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }
}
