package dev.llmhealth.adapters.probes.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Jackson, bounded for hostile upstreams: exactly one value, shallow enough, or not JSON at all. */
class ProbeJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", " {\"a\": [1, -2.5e3, true, false, null, \"x\\u00e9\\n\"]} ", "\"s\"", "0", "{\"a\":{\"b\":{}}}"})
    void json_is_recognised(String text) {
        assertTrue(ProbeJson.isJson(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "<html>", "{", "{\"a\":}", "[1,]", "{'a':1}", "01", "1.", "tru", "{} {}", "{}<html>", "\"unterminated",
            "NaN", "{\"a\":1,}", "// comment\n{}"})
    void garbage_is_not(String text) {
        assertFalse(ProbeJson.isJson(text), text);
    }

    @Test
    void deep_nesting_is_refused_fast_rather_than_overflowing_the_stack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertNull(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ProbeJson.parseOrNull(deep)));
    }

    @Test
    void nesting_up_to_the_cap_is_still_json() {
        int depth = ProbeJson.MAX_DEPTH;

        assertTrue(ProbeJson.isJson("[".repeat(depth) + "]".repeat(depth)));
        assertFalse(ProbeJson.isJson("[".repeat(depth + 1) + "]".repeat(depth + 1)));
    }

    @Test
    void a_huge_number_is_refused() {
        assertFalse(ProbeJson.isJson("1".repeat(10_000)));
    }

    @Test
    void values_are_read_as_a_tree() {
        var tree = ProbeJson.parseOrNull("{\"error\":{\"message\":\"bad \\\"key\\\"\",\"code\":401},\"list\":[\"a\"]}");

        assertEquals("bad \"key\"", tree.get("error").get("message").asText());
        assertEquals(401, tree.get("error").get("code").asInt());
        assertEquals("a", tree.get("list").get(0).asText());
    }

    @Test
    void written_bodies_escape_what_they_must_and_read_back() {
        String tricky = "a\"b\\c\nd\u0001é";

        String written = ProbeJson.write(ProbeJson.object().put("model", tricky));

        assertEquals(tricky, ProbeJson.parseOrNull(written).get("model").asText());
        assertFalse(written.contains("\n"), written);
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
