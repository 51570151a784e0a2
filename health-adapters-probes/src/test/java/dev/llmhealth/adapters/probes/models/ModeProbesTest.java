package dev.llmhealth.adapters.probes.models;

import static dev.llmhealth.adapters.probes.models.OpenAiCompatibleModelProbeTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code model_info.mode} beyond chat and embeddings: each gets the cheap call that fits it, or the listing, never chat parameters. */
class ModeProbesTest {

    private final ApiFake api = new ApiFake(new OpenAiFakeApi());
    private final ProbeHarness harness = new ProbeHarness();

    ModeProbesTest() throws Exception {
    }

    @AfterEach
    void stop() {
        harness.close();
        api.close();
    }

    @Test
    void a_moderation_deployment_gets_a_free_moderation() {
        ProbeResult result = harness.probe(openAi("omni-moderation-latest", "moderation", 0), ProbeMode.COMPLETION);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = api.onlyRequest();
        assertEquals("POST", request.method());
        assertEquals("/v1/moderations", request.path());
        assertEquals(Map.of("model", "omni-moderation-latest", "input", "ping"), json(request.body()));
        assertTrue(harness.spent().isEmpty(), "moderation reports no tokens");
    }

    @ParameterizedTest
    @CsvSource({"hosted_vllm", "together_ai", "openai"})
    void a_rerank_deployment_on_an_openai_compatible_server_reranks_one_document(String provider) {
        ProbeResult result = harness.probe(new ProviderEndpoint(provider, api.base("/v1"), ApiFake.KEY, "BAAI/bge-reranker-base", "rerank", 0),
                ProbeMode.COMPLETION);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = api.onlyRequest();
        assertEquals("/v1/rerank", request.path());
        assertEquals(Map.of("model", "BAAI/bge-reranker-base", "query", "ping", "documents", List.of("pong"), "top_n", 1),
                json(request.body()));
        assertEquals(List.of(new ProbeHarness.Spent(OpenAiFakeApi.RERANK_TOTAL_TOKENS, 0)), harness.spent());
    }

    @ParameterizedTest
    @CsvSource({"0, 16", "8, 16", "16, 16", "40, 40"})
    void a_responses_deployment_gets_a_responses_call_with_at_least_the_minimum_output_tokens(int configured, int sent) {
        ProbeResult result = harness.probe(openAi("gpt-4.1-mini", "responses", configured), ProbeMode.COMPLETION);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = api.onlyRequest();
        assertEquals("/v1/responses", request.path());
        assertEquals(Map.of("model", "gpt-4.1-mini", "input", "ping", "max_output_tokens", sent), json(request.body()));
        assertEquals(List.of(new ProbeHarness.Spent(OpenAiFakeApi.RESPONSES_USAGE[0], OpenAiFakeApi.RESPONSES_USAGE[1])), harness.spent());
    }

    @ParameterizedTest
    @CsvSource({"image_generation", "audio_transcription", "audio_speech", "batch", "realtime", "video_generation"})
    void modes_without_a_cheap_call_are_listed(String mode) {
        for (String provider : List.of("openai", "anthropic", "ollama", "azure", "cohere")) {
            ProviderEndpoint endpoint = new ProviderEndpoint(provider, api.base("/v1"), ApiFake.KEY, "some-model", mode, 0);
            harness.probe(endpoint, ProbeMode.COMPLETION);
        }
        for (FakeProvider.Request request : api.requests()) {
            assertEquals("GET", request.method(), request.path() + ": never a paid call for mode " + mode);
            assertEquals("", request.body());
        }
        assertEquals(List.of("/v1/models", "/v1/models", "/v1/api/tags", "/v1/openai/models", "/v1/models"),
                api.requests().stream().map(FakeProvider.Request::path).toList());
    }

    @ParameterizedTest
    @CsvSource({"rerank", "moderation", "responses"})
    void azure_deployments_of_modes_it_serves_no_deployment_call_for_are_listed(String mode) {
        harness.probe(new ProviderEndpoint("azure", api.base(""), ApiFake.KEY, "my-deployment", mode, 0), ProbeMode.COMPLETION);

        assertEquals("/openai/models", api.onlyRequest().path());
    }

    @ParameterizedTest
    @CsvSource({"moderation", "rerank", "responses", "embedding"})
    void non_chat_modes_never_get_chat_parameters(String mode) {
        harness.probe(openAi("some-model", mode, 0), ProbeMode.COMPLETION);

        Map<?, ?> body = json(api.onlyRequest().body());
        for (String chatParameter : List.of("messages", "max_tokens", "max_completion_tokens", "prompt")) {
            assertTrue(!body.containsKey(chatParameter), mode + " got " + chatParameter);
        }
    }

    private ProviderEndpoint openAi(String model, String mode, int maxTokens) {
        return new ProviderEndpoint("openai", api.base("/v1"), ApiFake.KEY, model, mode, maxTokens);
    }
}
