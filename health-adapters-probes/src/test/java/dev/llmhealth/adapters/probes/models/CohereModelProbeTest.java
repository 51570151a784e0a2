package dev.llmhealth.adapters.probes.models;

import static dev.llmhealth.adapters.probes.models.OpenAiCompatibleModelProbeTest.json;
import static dev.llmhealth.adapters.probes.models.ProbeHarness.assertUnhealthy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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

/** {@code cohere/...} and {@code cohere_chat/...} against a fake of Cohere's API. */
class CohereModelProbeTest {

    private final ApiFake cohere = new ApiFake(new CohereFakeApi());
    private final ProbeHarness harness = new ProbeHarness();

    CohereModelProbeTest() throws Exception {
    }

    @AfterEach
    void stop() {
        harness.close();
        cohere.close();
    }

    @ParameterizedTest
    @CsvSource({"cohere", "cohere_chat"})
    void both_prefixes_are_cohere(String prefix) {
        assertEquals(ProviderFamily.COHERE, ProviderFamily.of(prefix));
        assertEquals(List.of("COHERE_API_KEY", "CO_API_KEY"), ProviderCatalog.of(prefix).apiKeyVariables());
    }

    @ParameterizedTest
    @CsvSource({"''", "/v1", "/v1/chat", "/v2/chat"})
    void models_mode_lists_v1_models_with_the_bearer_key(String baseSuffix) {
        ProbeResult result = harness.probe(endpoint("cohere_chat", cohere.base(baseSuffix), ApiFake.KEY, "command-r7b-12-2024", "chat"),
                ProbeMode.MODELS);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = cohere.onlyRequest();
        assertEquals("GET", request.method());
        assertEquals("/v1/models", request.path(), "a versioned or endpoint api_base is taken back to the service root");
        assertTrue(("Bearer " + ApiFake.KEY).equals(request.authorization()), "the key goes as a bearer token");
    }

    @Test
    void completion_chats_on_v2_with_max_tokens_and_counts_billed_tokens() {
        ProbeResult result = harness.probe(endpoint("cohere_chat", cohere.base(""), ApiFake.KEY, "command-r7b-12-2024", "chat"),
                ProbeMode.COMPLETION);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = cohere.onlyRequest();
        assertEquals("POST", request.method());
        assertEquals("/v2/chat", request.path());
        assertEquals(Map.of("model", "command-r7b-12-2024", "max_tokens", 16, "messages", List.of(Map.of("role", "user", "content", "ping"))),
                json(request.body()));
        assertEquals(List.of(new ProbeHarness.Spent(CohereFakeApi.BILLED_CHAT[0], CohereFakeApi.BILLED_CHAT[1])), harness.spent(),
                "billed units, not the larger processed-token count");
    }

    @Test
    void an_embedding_deployment_embeds_with_v2s_required_fields_and_no_chat_parameters() {
        harness.probe(endpoint("cohere", cohere.base(""), ApiFake.KEY, "embed-english-v3.0", "embedding"), ProbeMode.COMPLETION);

        FakeProvider.Request request = cohere.onlyRequest();
        assertEquals("/v2/embed", request.path());
        assertEquals(Map.of("model", "embed-english-v3.0", "texts", List.of("ping"), "input_type", "search_query",
                "embedding_types", List.of("float")), json(request.body()));
        assertEquals(List.of(new ProbeHarness.Spent(CohereFakeApi.BILLED_EMBED_INPUT, 0)), harness.spent());
    }

    @Test
    void a_rerank_deployment_reranks_one_document() {
        ProbeResult result = harness.probe(endpoint("cohere", cohere.base(""), ApiFake.KEY, "rerank-v3.5", "rerank"), ProbeMode.COMPLETION);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = cohere.onlyRequest();
        assertEquals("/v2/rerank", request.path());
        assertEquals(Map.of("model", "rerank-v3.5", "query", "ping", "documents", List.of("pong"), "top_n", 1), json(request.body()));
        assertTrue(harness.spent().isEmpty(), "a rerank is billed per search, not in tokens");
    }

    @Test
    void a_refused_key_is_auth_with_coheres_message() {
        var unhealthy = assertUnhealthy(ErrorKind.AUTH,
                harness.probe(endpoint("cohere", cohere.base(""), ApiFake.WRONG_KEY, "command-r", "chat"), ProbeMode.MODELS));

        assertEquals("HTTP 401 from upstream: invalid api token", unhealthy.message());
    }

    @ParameterizedTest
    @CsvSource({"MODEL_NOT_FOUND, MODEL_NOT_FOUND", "RATE_LIMITED, RATE_LIMITED", "SERVER_ERROR, SERVER_ERROR",
            "GARBAGE, MALFORMED_RESPONSE"})
    void failures_are_classified_in_both_modes(ApiFake.Answer answer, ErrorKind kind) {
        cohere.answer(answer);
        for (ProbeMode mode : new ProbeMode[] {ProbeMode.MODELS, ProbeMode.COMPLETION}) {
            assertUnhealthy(kind, harness.probe(endpoint("cohere_chat", cohere.base(""), ApiFake.KEY, "command-x", "chat"), mode));
        }
        assertTrue(harness.spent().isEmpty());
    }

    @Test
    void a_missing_model_shows_coheres_message() {
        cohere.answer(ApiFake.Answer.MODEL_NOT_FOUND);

        var unhealthy = assertUnhealthy(ErrorKind.MODEL_NOT_FOUND,
                harness.probe(endpoint("cohere_chat", cohere.base(""), ApiFake.KEY, "command-x", "chat"), ProbeMode.COMPLETION));

        assertTrue(unhealthy.message().startsWith("HTTP 404 from upstream: model 'command-x' not found"), unhealthy.message());
    }

    private static ProviderEndpoint endpoint(String prefix, String base, String key, String model, String mode) {
        return new ProviderEndpoint(prefix, base, key, model, mode, 0);
    }
}
