package dev.llmhealth.app.config;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the first YAML document into a Jackson tree with anchors ({@code &name}), aliases
 * ({@code *name}) and merge keys ({@code <<: *name}) of mappings and lists resolved, as LiteLLM's
 * PyYAML does. Jackson's own tree reads an alias as its name ({@code api_key: *key} became the text
 * {@code key}), which silently changed values. Jackson's parser drops the anchors of single values,
 * so an alias of one is refused rather than misread. An alias shares the anchored node, and the size every node expands to is
 * counted: a document that expands to more than {@value #MAX_VALUES} values (a "billion laughs"
 * alias bomb) is refused as soon as it gets there, before anything walks it.
 */
final class YamlTree {

    static final long MAX_VALUES = 1_000_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A node and how many values it expands to (itself included). */
    private record Sized(JsonNode node, long size) {
    }

    private final YAMLParser parser;
    private final Map<String, Sized> anchors = new HashMap<>();

    private YamlTree(YAMLParser parser) {
        this.parser = parser;
    }

    /** The first document; a missing node when there is none. */
    static JsonNode read(YAMLFactory factory, String yaml) throws IOException {
        try (YAMLParser parser = factory.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            return first == null ? MissingNode.getInstance() : new YamlTree(parser).value(first).node();
        }
    }

    private Sized value(JsonToken token) throws IOException {
        if (parser.isCurrentAlias()) {
            Sized anchored = anchors.get(parser.getText());
            if (anchored == null) {
                throw new ConfigException("config.yaml", "line " + line() + ": an alias refers to no anchored mapping or list before it"
                        + " (aliases of single values are not supported: write the value out)");
            }
            return anchored;
        }
        String anchor = parser.getCurrentAnchor();
        Sized value = switch (token) {
            case START_OBJECT -> object();
            case START_ARRAY -> array();
            default -> new Sized(scalar(token), 1);
        };
        if (anchor != null) {
            anchors.put(anchor, value);
        }
        return value;
    }

    private Sized object() throws IOException {
        ObjectNode object = NODES.objectNode();
        List<JsonNode> merged = new ArrayList<>();
        long size = 1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Sized value = value(parser.nextToken());
            size = counted(size, value.size());
            if (key.equals("<<") && (value.node().isObject() || value.node().isArray())) {
                merged.add(value.node());
            } else {
                object.set(key, value.node());
            }
        }
        // PyYAML's merge keys: the mapping's own keys win, then the merged mappings in their order
        for (JsonNode source : merged) {
            for (JsonNode mapping : source.isArray() ? source : List.of(source)) {
                if (!mapping.isObject()) {
                    throw new ConfigException("config.yaml", "line " + line() + ": a merge key (<<) must refer to mappings");
                }
                for (Iterator<Map.Entry<String, JsonNode>> fields = mapping.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!object.has(field.getKey())) {
                        object.set(field.getKey(), field.getValue());
                    }
                }
            }
        }
        return new Sized(object, size);
    }

    private Sized array() throws IOException {
        ArrayNode array = NODES.arrayNode();
        long size = 1;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            Sized item = value(token);
            size = counted(size, item.size());
            array.add(item.node());
        }
        return new Sized(array, size);
    }

    private JsonNode scalar(JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> floatingPoint();
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.textNode(parser.getText());
        };
    }

    /** YAML's {@code .nan} and {@code .inf} are floats Jackson cannot convert: kept as text, for the key's own check to name. */
    private JsonNode floatingPoint() throws IOException {
        try {
            return NODES.numberNode(parser.getDoubleValue());
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJavaSyntax) {
            return NODES.textNode(parser.getText());
        }
    }

    private long counted(long size, long more) {
        long total = size + more;
        if (total > MAX_VALUES) {
            throw new ConfigException("config.yaml", "expands to more than " + MAX_VALUES
                    + " values through YAML aliases (an alias bomb?) by line " + line());
        }
        return total;
    }

    private int line() {
        return parser.currentLocation().getLineNr();
    }
}
