package dev.llmhealth.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * LiteLLM's top-level {@code include: [file.yaml, ...]}: each file, relative to the including file's
 * folder, is merged into the config as LiteLLM's proxy does it: a list (e.g. {@code model_list}) is
 * appended to the one already there, any other section is taken from the included file. Included
 * files may include others; a cycle, a missing file or an include that is not a list of paths is an
 * error naming the file. Every file counts towards the size limit of one config.
 */
final class ConfigIncludes {

    /** Reads one file's YAML tree, naming it in its errors; the second argument is the bytes still allowed. */
    interface FileReader {
        Parsed read(Path file, long bytesLeft);
    }

    record Parsed(JsonNode tree, long bytes) {
    }

    private final FileReader reader;
    private final Deque<Path> including = new ArrayDeque<>();
    private long bytesLeft;

    ConfigIncludes(FileReader reader, long maxBytes) {
        this.reader = reader;
        this.bytesLeft = maxBytes;
    }

    /** The config in {@code file} with all its includes merged in, and no {@code include} key left. */
    JsonNode resolve(Path file, JsonNode tree) {
        Path self = file.toAbsolutePath().normalize();
        including.push(self);
        try {
            return merged(self, tree);
        } finally {
            including.pop();
        }
    }

    /** Reads {@code file} (already counted as included by the caller) and resolves its own includes. */
    private JsonNode readIncluded(Path file, String key) {
        if (including.contains(file)) {
            throw new ConfigException(key, "includes " + file + " again: an include cycle (" + cycle(file) + ")");
        }
        Parsed parsed = reader.read(file, bytesLeft);
        bytesLeft -= parsed.bytes();
        return resolve(file, parsed.tree());
    }

    private JsonNode merged(Path file, JsonNode tree) {
        if (!(tree instanceof ObjectNode config) || !config.has("include")) {
            return tree;
        }
        String key = file.getFileName() + ": include";
        JsonNode includes = config.remove("include");
        if (includes.isNull()) {
            return config;
        }
        if (!includes.isArray()) {
            throw new ConfigException(key, "must be a list of file paths, relative to " + parentOf(file));
        }
        for (int i = 0; i < includes.size(); i++) {
            JsonNode entry = includes.get(i);
            if (!entry.isTextual() || entry.asText().isBlank()) {
                throw new ConfigException(key + "[" + i + "]", "must be a file path");
            }
            Path included = parentOf(file).resolve(entry.asText().strip()).toAbsolutePath().normalize();
            JsonNode content = readIncluded(included, key + "[" + i + "]");
            if (content == null || content.isMissingNode() || content.isNull()) {
                continue;
            }
            if (!(content instanceof ObjectNode sections)) {
                throw new ConfigException(included.toString(), "must be a mapping with keys such as model_list");
            }
            mergeInto(config, sections);
        }
        return config;
    }

    /** LiteLLM's rule: lists are extended, everything else is replaced by the included file's value. */
    private static void mergeInto(ObjectNode config, ObjectNode included) {
        for (Map.Entry<String, JsonNode> section : (Iterable<Map.Entry<String, JsonNode>>) included::fields) {
            JsonNode existing = config.get(section.getKey());
            if (section.getValue() instanceof ArrayNode more && existing instanceof ArrayNode list) {
                list.addAll(more);
            } else {
                config.set(section.getKey(), section.getValue());
            }
        }
    }

    private String cycle(Path again) {
        StringBuilder chain = new StringBuilder();
        including.descendingIterator().forEachRemaining(p -> chain.append(p.getFileName()).append(" -> "));
        return chain.append(again.getFileName()).toString();
    }

    private static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }
}
