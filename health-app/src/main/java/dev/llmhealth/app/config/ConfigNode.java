package dev.llmhealth.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A position in the YAML tree that knows its own path, so every error names the exact key
 * ({@code model_list[2].litellm_params.model}). Strings of the form {@code os.environ/NAME} are
 * resolved from the environment; an unresolved one is an error that names the variable, not a value.
 */
final class ConfigNode {

    private static final String ENV_PREFIX = "os.environ/";

    private final String path;
    private final JsonNode node;
    private final Map<String, String> environment;

    ConfigNode(String path, JsonNode node, Map<String, String> environment) {
        this.path = path;
        this.node = node;
        this.environment = environment;
    }

    String path() {
        return path;
    }

    boolean isMissing() {
        return node == null || node.isMissingNode() || node.isNull();
    }

    ConfigNode child(String key) {
        if (!isMissing() && !node.isObject()) {
            throw new ConfigException(path, "must be a mapping of keys to values");
        }
        return new ConfigNode(path.isEmpty() ? key : path + "." + key, isMissing() ? null : node.get(key), environment);
    }

    List<ConfigNode> list() {
        if (isMissing()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ConfigException(path, "must be a list");
        }
        List<ConfigNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new ConfigNode(path + "[" + i + "]", node.get(i), environment));
        }
        return items;
    }

    Optional<String> optionalString() {
        if (isMissing()) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            throw new ConfigException(path, "must be a single value, not a " + (node.isArray() ? "list" : "mapping"));
        }
        String value = node.asText();
        if (value.startsWith(ENV_PREFIX)) {
            String variable = value.substring(ENV_PREFIX.length());
            String resolved = environment.get(variable);
            if (resolved == null) {
                throw new ConfigException(path, "refers to environment variable " + variable + ", which is not set");
            }
            value = resolved;
        }
        return value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The variable an {@code os.environ/NAME} value here names, when that variable is not set. */
    Optional<String> unsetVariable() {
        if (isMissing() || !node.isTextual() || !node.asText().startsWith(ENV_PREFIX)) {
            return Optional.empty();
        }
        String variable = node.asText().substring(ENV_PREFIX.length());
        return environment.containsKey(variable) ? Optional.empty() : Optional.of(variable);
    }

    String requiredString() {
        return optionalString().orElseThrow(() -> new ConfigException(path, "is required"));
    }

    Optional<Integer> optionalInt() {
        return optionalString().map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException notANumber) {
                throw new ConfigException(path, "must be a whole number, got '" + shorten(value) + "'");
            }
        });
    }

    int intOr(int fallback, int min, int max) {
        int value = optionalInt().orElse(fallback);
        if (value < min || value > max) {
            throw new ConfigException(path, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** Seconds, as LiteLLM writes them (fractions allowed). */
    Duration secondsOr(Duration fallback, boolean zeroAllowed) {
        Optional<String> text = optionalString();
        if (text.isEmpty()) {
            return fallback;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(text.get());
        } catch (NumberFormatException notANumber) {
            throw new ConfigException(path, "must be a number of seconds, got '" + shorten(text.get()) + "'");
        }
        if (Double.isNaN(seconds) || seconds < 0 || (!zeroAllowed && seconds == 0) || seconds > 86_400 * 7) {
            throw new ConfigException(path, "must be " + (zeroAllowed ? "0 or more" : "more than 0") + " seconds (at most a week), got " + text.get());
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    boolean boolOr(boolean fallback) {
        Optional<String> text = optionalString();
        if (text.isEmpty()) {
            return fallback;
        }
        return switch (text.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(path, "must be true or false, got '" + shorten(text.get()) + "'");
        };
    }

    /** The keys of a mapping, in the file's order; none when absent. */
    List<String> keys() {
        if (isMissing()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new ConfigException(path, "must be a mapping of keys to values");
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    List<String> stringList() {
        if (isMissing()) {
            return List.of();
        }
        if (node.isValueNode()) {
            return optionalString().map(List::of).orElse(List.of());
        }
        List<String> values = new ArrayList<>();
        for (ConfigNode item : list()) {
            values.add(item.requiredString());
        }
        return values;
    }

    /**
     * The subtree as written (before {@code os.environ/} resolution), with mapping keys sorted at
     * every level: the same settings give the same text whatever their order in the file.
     */
    String canonicalText() {
        StringBuilder text = new StringBuilder();
        appendCanonical(isMissing() ? null : node, text);
        return text.toString();
    }

    private static void appendCanonical(JsonNode value, StringBuilder text) {
        if (value == null || value.isNull()) {
            text.append("null");
        } else if (value.isObject()) {
            java.util.TreeMap<String, JsonNode> sorted = new java.util.TreeMap<>();
            value.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            text.append('{');
            sorted.forEach((key, child) -> {
                text.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(key)).append(':');
                appendCanonical(child, text);
                text.append(',');
            });
            text.append('}');
        } else if (value.isArray()) {
            text.append('[');
            value.forEach(child -> {
                appendCanonical(child, text);
                text.append(',');
            });
            text.append(']');
        } else {
            text.append(value);
        }
    }

    /** Long or odd values are cut, so an error message never carries a whole (possibly secret) value. */
    private static String shorten(String value) {
        return value.length() <= 20 ? value : value.substring(0, 17) + "...";
    }
}
