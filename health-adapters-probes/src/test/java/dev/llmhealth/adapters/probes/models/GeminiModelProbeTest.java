package dev.llmhealth.adapters.probes.models;

import static dev.llmhealth.adapters.probes.models.OpenAiCompatibleModelProbeTest.json;
import static dev.llmhealth.adapters.probes.models.ProbeHarness.assertUnhealthy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code gemini/...} against a fake of Google AI Studio's Gemini API. */
class GeminiModelProbeTest {

    private final ApiFake gemini = new ApiFake(new GeminiFakeApi());
    private final ProbeHarness harness = new ProbeHarness();

    GeminiModelProbeTest() throws Exception {
    }

    @AfterEach
    void stop() {
        harness.close();
        gemini.close();
    }

    @Test
    void the_catalog_sends_gemini_to_its_own_probe_at_google_ai_studio() {
        ProviderCatalog.ProviderSpec spec = ProviderCatalog.of("gemini");
        assertEquals(ProviderFamily.GEMINI, spec.family());
        assertEquals("https://generativelanguage.googleapis.com", spec.defaultApiBase().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"''", "/v1beta", "/v1"})
    void models_mode_lists_models_with_the_key_in_x_goog_api_key_only(String baseSuffix) {
        ProbeResult result = harness.probe(endpoint(gemini.base(baseSuffix), ApiFake.KEY, "gemini-2.0-flash", "chat", 0), ProbeMode.MODELS);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = gemini.onlyRequest();
        assertEquals("GET", request.method());
        assertEquals("/v1beta/models", request.path());
        assertTrue(ApiFake.KEY.equals(request.header("x-goog-api-key")), "x-goog-api-key carries the configured key");
        assertNull(request.authorization(), "no bearer header");
        assertFalse(request.query().contains("key="), "the key never goes in the URL");
        assertTrue(harness.spent().isEmpty(), "a listing costs nothing");
    }

    @Test
    void completion_generates_a_few_tokens_and_counts_thoughts_as_output() {
        ProbeResult result = harness.probe(endpoint(gemini.base(""), ApiFake.KEY, "gemini-2.5-flash", "chat", 12), ProbeMode.COMPLETION);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = gemini.onlyRequest();
        assertEquals("POST", request.method());
        assertEquals("/v1beta/models/gemini-2.5-flash:generateContent", request.path());
        assertTrue(ApiFake.KEY.equals(request.header("x-goog-api-key")));
        assertEquals(Map.of("contents", List.of(Map.of("role", "user", "parts", List.of(Map.of("text", "ping")))),
                "generationConfig", Map.of("maxOutputTokens", 12)), json(request.body()));
        assertEquals(List.of(new ProbeHarness.Spent(GeminiFakeApi.PROMPT_TOKENS, GeminiFakeApi.CANDIDATE_TOKENS + GeminiFakeApi.THOUGHT_TOKENS)),
                harness.spent());
    }

    @Test
    void a_model_written_with_its_models_prefix_is_not_doubled() {
        harness.probe(endpoint(gemini.base(""), ApiFake.KEY, "models/gemini-2.0-flash", "chat", 0), ProbeMode.COMPLETION);

        assertEquals("/v1beta/models/gemini-2.0-flash:generateContent", gemini.onlyRequest().path());
    }

    @Test
    void an_embedding_deployment_embeds_one_text_without_generation_parameters() {
        ProbeResult result = harness.probe(endpoint(gemini.base(""), ApiFake.KEY, "text-embedding-004", "embedding", 0), ProbeMode.COMPLETION);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = gemini.onlyRequest();
        assertEquals("/v1beta/models/text-embedding-004:embedContent", request.path());
        assertEquals(Map.of("model", "models/text-embedding-004", "content", Map.of("parts", List.of(Map.of("text", "ping")))),
                json(request.body()));
    }

    @ParameterizedTest
    @CsvSource({"image_generation", "audio_speech", "rerank", "moderation", "batch"})
    void modes_gemini_has_no_cheap_call_for_are_listed(String mode) {
        harness.probe(endpoint(gemini.base(""), ApiFake.KEY, "imagen-3.0", mode, 0), ProbeMode.COMPLETION);

        FakeProvider.Request request = gemini.onlyRequest();
        assertEquals("GET", request.method());
        assertEquals("/v1beta/models", request.path());
    }

    @Test
    void a_refused_key_is_auth_although_gemini_answers_400() {
        for (ProbeMode mode : new ProbeMode[] {ProbeMode.MODELS, ProbeMode.COMPLETION}) {
            var unhealthy = assertUnhealthy(ErrorKind.AUTH,
                    harness.probe(endpoint(gemini.base(""), ApiFake.WRONG_KEY, "gemini-2.0-flash", "chat", 0), mode));
            assertEquals("HTTP 400 from upstream: API key not valid. Please pass a valid API key.", unhealthy.message());
        }
    }

    @ParameterizedTest
    @CsvSource({"MODEL_NOT_FOUND, MODEL_NOT_FOUND", "RATE_LIMITED, RATE_LIMITED", "SERVER_ERROR, SERVER_ERROR",
            "GARBAGE, MALFORMED_RESPONSE"})
    void failures_are_classified_in_both_modes(ApiFake.Answer answer, ErrorKind kind) {
        gemini.answer(answer);
        for (ProbeMode mode : new ProbeMode[] {ProbeMode.MODELS, ProbeMode.COMPLETION}) {
            assertUnhealthy(kind, harness.probe(endpoint(gemini.base(""), ApiFake.KEY, "gemini-2.0-flash", "chat", 0), mode));
        }
        assertTrue(harness.spent().isEmpty(), "a failed probe reports no spend");
    }

    @Test
    void googles_error_message_is_shown() {
        gemini.answer(ApiFake.Answer.MODEL_NOT_FOUND);

        var unhealthy = assertUnhealthy(ErrorKind.MODEL_NOT_FOUND,
                harness.probe(endpoint(gemini.base(""), ApiFake.KEY, "gemini-9", "chat", 0), ProbeMode.COMPLETION));

        assertTrue(unhealthy.message().startsWith("HTTP 404 from upstream: models/gemini-9 is not found for API version v1beta"),
                unhealthy.message());
    }

    private static ProviderEndpoint endpoint(String base, String key, String model, String mode, int maxTokens) {
        return new ProviderEndpoint("gemini", base, key, model, mode, maxTokens);
    }
}
