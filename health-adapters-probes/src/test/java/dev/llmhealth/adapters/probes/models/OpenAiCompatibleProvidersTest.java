package dev.llmhealth.adapters.probes.models;

import static dev.llmhealth.adapters.probes.models.OpenAiCompatibleModelProbeTest.json;
import static dev.llmhealth.adapters.probes.models.ProbeHarness.assertUnhealthy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every OpenAI-compatible provider LiteLLM configs commonly name, against a fake of the OpenAI API
 * mounted at the path of the provider's real default base URL (from {@link ProviderCatalog}), so
 * each test sees the exact path the real provider would get.
 */
class OpenAiCompatibleProvidersTest {

    private final ApiFake api = new ApiFake(new OpenAiFakeApi());
    private final ProbeHarness harness = new ProbeHarness();

    OpenAiCompatibleProvidersTest() throws Exception {
    }

    @AfterEach
    void stop() {
        harness.close();
        api.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "mistral, /v1/models", "groq, /openai/v1/models", "deepseek, /beta/models", "xai, /v1/models",
            "openrouter, /api/v1/key", "together_ai, /v1/models", "fireworks_ai, /inference/v1/models",
            "perplexity, /v1/models", "cerebras, /v1/models", "openai, /v1/models", "text-completion-openai, /v1/models"})
    void models_mode_makes_the_providers_free_authenticated_call(String provider, String path) {
        ProbeResult result = harness.probe(atDefaultPath(provider, ApiFake.KEY, "some-model"), ProbeMode.MODELS);

        assertInstanceOf(ProbeResult.Healthy.class, result, provider + ": " + result);
        FakeProvider.Request request = api.onlyRequest();
        assertEquals("GET", request.method());
        assertEquals(path, request.path());
        assertTrue(("Bearer " + ApiFake.KEY).equals(request.authorization()), provider + " sends the key as a bearer token");
        assertTrue(harness.spent().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "mistral, /v1/chat/completions, mistral-small-latest", "groq, /openai/v1/chat/completions, llama-3.1-8b-instant",
            "deepseek, /beta/chat/completions, deepseek-chat", "xai, /v1/chat/completions, grok-3-mini",
            "openrouter, /api/v1/chat/completions, meta-llama/llama-3.1-8b-instruct", "together_ai, /v1/chat/completions, meta-llama/Llama-3-8b-chat-hf",
            "fireworks_ai, /inference/v1/chat/completions, accounts/fireworks/models/llama-v3p1-8b-instruct",
            "perplexity, /chat/completions, sonar", "cerebras, /v1/chat/completions, llama3.1-8b",
            "text-completion-openai, /v1/completions, gpt-3.5-turbo-instruct"})
    void completion_mode_asks_for_a_few_tokens_on_the_providers_route(String provider, String path, String model) {
        ProbeResult result = harness.probe(atDefaultPath(provider, ApiFake.KEY, model), ProbeMode.COMPLETION);

        assertInstanceOf(ProbeResult.Healthy.class, result, provider + ": " + result);
        FakeProvider.Request request = api.onlyRequest();
        assertEquals("POST", request.method());
        assertEquals(path, request.path());
        assertEquals(model, json(request.body()).get("model"));
        assertEquals(16, json(request.body()).get("max_tokens"));
        assertEquals(List.of(new ProbeHarness.Spent(OpenAiFakeApi.CHAT_USAGE[0], OpenAiFakeApi.CHAT_USAGE[1])), harness.spent());
    }

    @Test
    void a_bare_fireworks_model_gets_the_account_path_litellm_adds() {
        harness.probe(atDefaultPath("fireworks_ai", ApiFake.KEY, "llama-v3p1-8b-instruct"), ProbeMode.COMPLETION);

        assertEquals("accounts/fireworks/models/llama-v3p1-8b-instruct", json(api.onlyRequest().body()).get("model"));
    }

    @Test
    void a_mistral_base_without_v1_gets_it_as_litellm_adds_it() {
        harness.probe(new ProviderEndpoint("mistral", api.base(""), ApiFake.KEY, "mistral-small-latest"), ProbeMode.MODELS);

        assertEquals("/v1/models", api.onlyRequest().path());
    }

    @Test
    void another_litellm_proxy_is_probed_at_its_configured_base() {
        ProviderEndpoint proxy = new ProviderEndpoint("litellm_proxy", api.base(""), ApiFake.KEY, "gpt-4o");
        assertTrue(ProviderCatalog.of("litellm_proxy").defaultApiBase().isEmpty(), "a proxy has no default base");

        assertInstanceOf(ProbeResult.Healthy.class, harness.probe(proxy, ProbeMode.MODELS));
        assertEquals("/models", api.onlyRequest().path());
        assertInstanceOf(ProbeResult.Healthy.class, harness.probe(proxy, ProbeMode.COMPLETION));
        assertEquals("/chat/completions", api.requests().get(1).path());
    }

    @Test
    void a_refused_openrouter_key_is_caught_although_its_model_list_is_public() {
        var unhealthy = assertUnhealthy(ErrorKind.AUTH, harness.probe(atDefaultPath("openrouter", ApiFake.WRONG_KEY, "x"), ProbeMode.MODELS));

        assertEquals("HTTP 401 from upstream: Incorrect API key provided.", unhealthy.message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mistral", "groq", "deepseek", "xai", "openrouter", "together_ai", "fireworks_ai", "perplexity", "cerebras", "litellm_proxy",
            "text-completion-openai"})
    void a_refused_key_is_auth_in_both_modes(String provider) {
        for (ProbeMode mode : new ProbeMode[] {ProbeMode.MODELS, ProbeMode.COMPLETION}) {
            assertUnhealthy(ErrorKind.AUTH, harness.probe(atDefaultPath(provider, ApiFake.WRONG_KEY, "some-model"), mode));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "groq, MODEL_NOT_FOUND, MODEL_NOT_FOUND", "groq, RATE_LIMITED, RATE_LIMITED", "groq, SERVER_ERROR, SERVER_ERROR",
            "groq, GARBAGE, MALFORMED_RESPONSE", "openrouter, RATE_LIMITED, RATE_LIMITED", "openrouter, GARBAGE, MALFORMED_RESPONSE",
            "perplexity, MODEL_NOT_FOUND, MODEL_NOT_FOUND", "perplexity, SERVER_ERROR, SERVER_ERROR",
            "deepseek, RATE_LIMITED, RATE_LIMITED", "mistral, SERVER_ERROR, SERVER_ERROR", "fireworks_ai, MODEL_NOT_FOUND, MODEL_NOT_FOUND",
            "together_ai, GARBAGE, MALFORMED_RESPONSE", "xai, MODEL_NOT_FOUND, MODEL_NOT_FOUND", "cerebras, RATE_LIMITED, RATE_LIMITED",
            "litellm_proxy, SERVER_ERROR, SERVER_ERROR"})
    void failures_are_classified_in_both_modes(String provider, ApiFake.Answer answer, ErrorKind kind) {
        api.answer(answer);
        for (ProbeMode mode : new ProbeMode[] {ProbeMode.MODELS, ProbeMode.COMPLETION}) {
            assertUnhealthy(kind, harness.probe(atDefaultPath(provider, ApiFake.KEY, "some-model"), mode));
        }
        assertTrue(harness.spent().isEmpty());
    }

    /** The fake, at the path of the provider's real default base (none for a LiteLLM proxy). */
    private ProviderEndpoint atDefaultPath(String provider, String key, String model) {
        String path = ProviderCatalog.of(provider).defaultApiBase().map(base -> URI.create(base).getPath()).orElse("");
        assertEquals(ProviderFamily.OPENAI_COMPATIBLE, ProviderFamily.of(provider));
        return new ProviderEndpoint(provider, api.base(path), key, model);
    }
}
