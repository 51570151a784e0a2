package dev.llmhealth.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * docs/openapi.yaml, and a small JSON Schema walker for the keywords it uses: {@code $ref}
 * (local), {@code oneOf}, {@code type} (one or several, {@code "null"} included), {@code enum},
 * {@code required}, {@code properties}, {@code additionalProperties: false}, {@code items},
 * {@code minimum}, {@code minProperties}, {@code pattern}. An unknown keyword fails loudly, so the
 * document cannot say more than the test checks.
 */
final class OpenApiSchema {

    private static final Set<String> KNOWN = Set.of("$ref", "oneOf", "type", "enum", "required", "properties",
            "additionalProperties", "items", "minimum", "minProperties", "pattern", "format", "description");

    final JsonNode document;

    private OpenApiSchema(JsonNode document) {
        this.document = document;
    }

    static OpenApiSchema load() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("docs/openapi.yaml");
            if (Files.isRegularFile(file)) {
                return new OpenApiSchema(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
            }
        }
        throw new AssertionError("no docs/openapi.yaml above " + Path.of("").toAbsolutePath());
    }

    /** The schema the document declares for this answer, or an AssertionError naming what is missing. */
    JsonNode responseSchema(String path, int status, String contentType) {
        JsonNode response = document.path("paths").path(path).path("get").path("responses").path(String.valueOf(status));
        if (response.isMissingNode()) {
            throw new AssertionError("docs/openapi.yaml has no " + status + " answer for GET " + path);
        }
        String mediaType = contentType.split(";")[0].trim();
        JsonNode schema = response.path("content").path(mediaType).path("schema");
        if (schema.isMissingNode()) {
            throw new AssertionError("docs/openapi.yaml has no " + mediaType + " for GET " + path + " " + status);
        }
        return schema;
    }

    /** Every violation, as JSON pointers with what was wrong; empty when the value conforms. */
    List<String> violations(JsonNode value, JsonNode schema) {
        List<String> out = new ArrayList<>();
        check(value, schema, "", out);
        return out;
    }

    private void check(JsonNode value, JsonNode schema, String at, List<String> out) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!KNOWN.contains(keyword)) {
                throw new IllegalArgumentException("schema keyword the checker does not know: " + keyword + " at " + at);
            }
        }
        if (schema.has("$ref")) {
            check(value, resolve(schema.get("$ref").asText()), at, out);
            return;
        }
        if (schema.has("oneOf")) {
            int matches = 0;
            List<String> reasons = new ArrayList<>();
            for (JsonNode option : schema.get("oneOf")) {
                List<String> sub = new ArrayList<>();
                check(value, option, at, sub);
                if (sub.isEmpty()) {
                    matches++;
                } else {
                    reasons.add(option.path("$ref").asText("option") + ": " + sub);
                }
            }
            if (matches != 1) {
                out.add(at + ": matches " + matches + " of oneOf " + (matches == 0 ? reasons : ""));
            }
            return;
        }
        if (schema.has("type") && !typeMatches(value, schema.get("type"))) {
            out.add(at + ": " + value.getNodeType() + " is not " + schema.get("type"));
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                out.add(at + ": " + value + " not in " + schema.get("enum"));
            }
        }
        if (schema.has("pattern") && value.isTextual() && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
            out.add(at + ": '" + value.asText() + "' does not match " + schema.get("pattern").asText());
        }
        if (schema.has("minimum") && value.isNumber() && value.asDouble() < schema.get("minimum").asDouble()) {
            out.add(at + ": " + value + " below " + schema.get("minimum"));
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    out.add(at + ": missing required '" + required.asText() + "'");
                }
            }
            if (schema.has("minProperties") && value.size() < schema.get("minProperties").asInt()) {
                out.add(at + ": fewer than " + schema.get("minProperties") + " properties");
            }
            JsonNode properties = schema.path("properties");
            value.properties().forEach(field -> {
                JsonNode fieldSchema = properties.get(field.getKey());
                if (fieldSchema != null) {
                    check(field.getValue(), fieldSchema, at + "/" + field.getKey(), out);
                } else if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
                    out.add(at + ": undocumented property '" + field.getKey() + "'");
                }
            });
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), at + "/" + i, out);
            }
        }
    }

    private static boolean typeMatches(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeMatches(value, one)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local $refs: " + ref);
        }
        JsonNode node = document.at(ref.substring(1));
        if (node.isMissingNode()) {
            throw new AssertionError("dangling $ref " + ref);
        }
        return node;
    }

    /** Every {@code $ref} in the document, to prove none dangles. */
    Set<String> refs() {
        Set<String> refs = new HashSet<>();
        collect(document, refs);
        return refs;
    }

    private static void collect(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, refs));
        }
    }
}
