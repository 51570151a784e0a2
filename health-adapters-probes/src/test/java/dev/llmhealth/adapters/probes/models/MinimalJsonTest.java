package dev.llmhealth.adapters.probes.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MinimalJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", " {\"a\": [1, -2.5e3, true, false, null, \"x\\u00e9\\n\"]} ", "\"s\"", "0", "{\"a\":{\"b\":{}}}"})
    void json_is_recognised(String text) {
        assertTrue(MinimalJson.isJson(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<html>", "{", "{\"a\":}", "[1,]", "{'a':1}", "01", "1.", "tru", "{} {}", "\"unterminated"})
    void garbage_is_not(String text) {
        assertFalse(MinimalJson.isJson(text));
    }

    @Test
    void deep_nesting_is_refused_rather_than_overflowing_the_stack() {
        assertFalse(MinimalJson.isJson("[".repeat(100_000) + "]".repeat(100_000)));
    }

    @Test
    void values_parse_to_plain_java_types() {
        assertEquals(Map.of("error", Map.of("message", "bad \"key\"", "code", 401.0), "list", List.of("a")),
                MinimalJson.parse("{\"error\":{\"message\":\"bad \\\"key\\\"\",\"code\":401},\"list\":[\"a\"]}"));
    }

    @Test
    void quoting_round_trips() {
        String tricky = "a\"b\\c\nd\u0001é";

        assertEquals(tricky, MinimalJson.parse(MinimalJson.quote(tricky)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"o1", "o1-mini", "o3", "o3-mini", "o4-mini", "gpt-5", "gpt-5-nano", "openai/o3-mini", "O3"})
    void reasoning_models_take_max_completion_tokens(String model) {
        assertEquals("max_completion_tokens", ProbeCall.tokenLimitParameter(model));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "gpt-4.1-mini", "llama-3", "omni-moderation-latest", "claude-3-5-sonnet"})
    void other_models_take_max_tokens(String model) {
        assertEquals("max_tokens", ProbeCall.tokenLimitParameter(model));
    }
}
