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

    /** Families whose {@code /models} listing answers the OpenAI way. */
    private static final Set<String> OPENAI_COMPATIBLE = Set.of(
            "openai", "text-completion-openai", "hosted_vllm", "lm_studio", "groq", "mistral", "deepseek",
            "together_ai", "openai_compatible", "custom_openai", "vllm");

    private final ConfigNode general;

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
        if (probeMode != ProbeMode.NONE && (apiBase.isEmpty() || !OPENAI_COMPATIBLE.contains(provider) && configuredBase.isEmpty())) {
            LOG.log(System.Logger.Level.WARNING, "{0}: no health probe for provider ''{1}'' without an OpenAI-compatible api_base;"
                    + " reported as assumed healthy", item.path(), provider);
            probeMode = ProbeMode.NONE;
        }
        String id = info.child("id").optionalString().orElseGet(() -> derivedId(modelName, model, apiBase));
        return new ModelEntry(id, modelName, provider, upstreamModel, withoutCredentials(apiBase), apiKey, mode, probeMode);
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
