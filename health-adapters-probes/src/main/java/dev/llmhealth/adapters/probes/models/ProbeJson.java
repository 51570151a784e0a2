package dev.llmhealth.adapters.probes.models;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON for probing, with Jackson: tell JSON from garbage, read a provider's answer, write a
 * request body. Reading is bounded for hostile upstreams: the body itself is capped before it gets
 * here ({@link CappedBody}), and nesting, string and number sizes are capped by Jackson's
 * {@link StreamReadConstraints}, so a deep or huge value fails fast instead of filling the stack.
 */
final class ProbeJson {

    /** Far deeper than any provider answer; a deeper body is garbage (or an attack). */
    static final int MAX_DEPTH = 128;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(OpenAiCompatibleModelProbe.MAX_BODY_BYTES)
                            .maxNumberLength(100)
                            .build())
                    .build())
            // one value and nothing after it: "{} {}" or "{}<html>" is not a JSON answer
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ProbeJson() {
    }

    /** The one JSON value {@code text} holds, or null when it is not exactly one (garbage, truncated, too deep). */
    static JsonNode parseOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode value = MAPPER.readTree(text);
            return value == null || value.isMissingNode() ? null : value;
        } catch (JsonProcessingException notJson) {
            // its message quotes the body, which may hold anything: never passed on
            return null;
        }
    }

    static boolean isJson(String text) {
        return parseOrNull(text) != null;
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Compact JSON text of a request body built with {@link #object()}. */
    static String write(JsonNode body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a tree of plain JSON nodes always serializes", impossible);
        }
    }
}
