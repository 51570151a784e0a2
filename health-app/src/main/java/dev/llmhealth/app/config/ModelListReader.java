package dev.llmhealth.app.config;

import dev.llmhealth.domain.model.ProbeMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Reads {@code model_list} into deployments the health subsystem can check. */
final class ModelListReader {

    private static final System.Logger LOG = System.getLogger(ModelListReader.class.getName());

    /** Where a provider lives when the entry names no {@code api_base} (LiteLLM's defaults). */
    private static final Map<String, String> DEFAULT_API_BASES = Map.of(
            "openai", "https://api.openai.com/v1",
            "text-completion-openai", "https://api.openai.com/v1",
            "anthropic", "https://api.anthropic.com/v1",
            "ollama", "http://localhost:11434",
            "ollama_chat", "http://localhost:11434",
            "groq", "https://api.groq.com/openai/v1",
            "mistral", "https://api.mistral.ai/v1",
            "deepseek", "https://api.deepseek.com/v1",
            "together_ai", "https://api.together.xyz/v1");

    private final ConfigNode general;
    /** Providers left unprobed for want of an api_base, with how many deployments each: logged once per provider. */
    private final Map<String, Integer> unprobed = new TreeMap<>();

    ModelListReader(ConfigNode general) {
        this.general = general;
    }

    List<ModelEntry> read(ConfigNode modelList) {
        ProbeMode defaultMode = probeMode(general.child("health_check_mode"), ProbeMode.MODELS);
        List<ModelEntry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode item : modelList.list()) {
            ModelEntry entry = entry(item, defaultMode);
            if (!ids.add(entry.id())) {
                throw new ConfigException(item.child("model_info").child("id").path(), "duplicate deployment id '" + entry.id() + "'");
            }
            entries.add(entry);
        }
        unprobed.forEach((provider, count) -> LOG.log(System.Logger.Level.WARNING,
                "no health probe for provider ''{0}'' ({1} deployment(s)): no api_base and no known default;"
                        + " reported as assumed healthy (set api_base for an HTTP reachability check)", provider, count));
        return entries;
    }

    private ModelEntry entry(ConfigNode item, ProbeMode defaultMode) {
        String modelName = item.child("model_name").requiredString();
        ConfigNode params = item.child("litellm_params");
        ConfigNode info = item.child("model_info");
        String model = params.child("model").requiredString();
        int slash = model.indexOf('/');
        String provider = slash > 0 ? model.substring(0, slash).toLowerCase(Locale.ROOT) : "openai";
        String upstreamModel = params.child("health_check_model").optionalString()
                .or(() -> info.child("health_check_model").optionalString())
                .orElse(slash > 0 ? model.substring(slash + 1) : model);
        Optional<String> configuredBase = params.child("api_base").optionalString();
        configuredBase.ifPresent(base -> requireHttpUrl(params.child("api_base"), base));
        Optional<String> apiKey = params.child("api_key").optionalString();
        String mode = info.child("mode").optionalString().orElse("chat");
        ProbeMode probeMode = probeMode(info.child("health_check_mode"), defaultMode);
        String apiBase = configuredBase.or(() -> Optional.ofNullable(DEFAULT_API_BASES.get(provider))).orElse("");
        // every provider with a base URL has a probe (its family's, else an HTTP reachability check); e.g. bedrock and vertex_ai have none
        if (probeMode != ProbeMode.NONE && apiBase.isEmpty()) {
            unprobed.merge(provider, 1, Integer::sum);
            probeMode = ProbeMode.NONE;
        }
        Optional<String> apiVersion = params.child("api_version").optionalString();
        Optional<Boolean> sslVerify = sslVerify(params.child("ssl_verify"));
        String id = info.child("id").optionalString().orElseGet(() -> derivedId(modelName, model, apiBase));
        String forwardedModel = slash > 0 ? model.substring(slash + 1) : model;
        return new ModelEntry(id, modelName, provider, upstreamModel, withoutCredentials(apiBase), apiKey, mode, probeMode,
                forwardedModel, pricePerToken(params, info, "input_cost_per_token"), pricePerToken(params, info, "output_cost_per_token"),
                apiVersion, sslVerify);
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

    private static void requireHttpUrl(ConfigNode node, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http") || uri.getHost() == null) {
                throw new ConfigException(node.path(), "must be an http:// or https:// URL with a host");
            }
        } catch (IllegalArgumentException invalid) {
            throw new ConfigException(node.path(), "is not a valid URL");
        }
    }

    /** api_base is shown in responses and labels: keep user:password out of it. */
    static String withoutCredentials(String apiBase) {
        return apiBase.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }

    /** A stable id from what identifies the deployment (never the key), like LiteLLM's hash of litellm_params. */
    private static String derivedId(String modelName, String model, String apiBase) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((modelName + "\n" + model + "\n" + withoutCredentials(apiBase)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }
}
