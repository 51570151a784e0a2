package dev.llmhealth.adapters.probes.models;

import static dev.llmhealth.adapters.probes.models.FakeProvider.ANTHROPIC_USAGE;
import static dev.llmhealth.adapters.probes.models.FakeProvider.CANARY;
import static dev.llmhealth.adapters.probes.models.FakeProvider.OLLAMA_USAGE;
import static dev.llmhealth.adapters.probes.models.FakeProvider.OPENAI_USAGE;
import static dev.llmhealth.adapters.probes.models.OpenAiCompatibleModelProbeTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.ProbeSpend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each provider family against a real HTTP server in the same JVM: the request it sends (path,
 * query, headers, body), what it makes of the answer, the tokens a completion probe reports, and
 * the classification of failures, through the dispatcher the app uses.
 */
class ProviderFamiliesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);
    private static final String DEPLOYMENT = "deployment-1";

    record Spent(String deploymentId, long inputTokens, long outputTokens, double cost) {
    }

    private final FakeProvider provider = new FakeProvider();
    private final List<Spent> spent = new CopyOnWriteArrayList<>();
    private final ProbeSpend spend = (deployment, in, out, cost) -> spent.add(new Spent(deployment.id(), in, out, cost));
    private ProviderProbes probes;

    ProviderFamiliesTest() throws Exception {
    }

    @AfterEach
    void stop() {
        if (probes != null) {
            probes.close();
        }
        provider.close();
    }

    @ParameterizedTest
    @CsvSource({
            "openai, OPENAI_COMPATIBLE", "hosted_vllm, OPENAI_COMPATIBLE", "groq, OPENAI_COMPATIBLE", "'', OPENAI_COMPATIBLE",
            "azure, AZURE_OPENAI", "AZURE, AZURE_OPENAI", "anthropic, ANTHROPIC", "ollama, OLLAMA", "ollama_chat, OLLAMA", "gemini, GEMINI", "cohere, COHERE",
            "bedrock, GENERIC_HTTP", "vertex_ai, GENERIC_HTTP", "azure_ai, GENERIC_HTTP", "my-gateway, GENERIC_HTTP"})
    void the_family_follows_the_model_prefix(String provider, ProviderFamily family) {
        assertEquals(family, ProviderFamily.of(provider));
    }

    @Test
    void a_text_completion_provider_gets_the_legacy_completions_call() {
        probe(new ProviderEndpoint("text-completion-openai", provider.apiBase("ok"), CANARY, "gpt-3.5-turbo-instruct"),
                ProbeMode.COMPLETION, TIMEOUT);

        FakeProvider.Request request = onlyRequest();
        assertEquals("/ok/v1/completions", request.path());
        assertEquals(Map.of("model", "gpt-3.5-turbo-instruct", "prompt", "ping", "max_tokens", 16), json(request.body()));
        assertEquals(List.of(new Spent(DEPLOYMENT, OPENAI_USAGE[0], OPENAI_USAGE[1], 0)), spent);
    }

    // ---- Azure OpenAI

    @Test
    void azure_models_mode_lists_the_resources_models_with_the_api_key_header() {
        ProbeResult result = probe(azure("ok", ""), ProbeMode.MODELS, TIMEOUT);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = onlyRequest();
        assertEquals("GET", request.method());
        assertEquals("/ok/openai/models", request.path());
        assertEquals("api-version=" + AzureOpenAiModelProbe.DEFAULT_API_VERSION, request.query());
        assertEquals(CANARY, request.header("api-key"));
        assertNull(request.authorization(), "Azure takes the key in api-key only");
        assertTrue(spent.isEmpty(), "a listing costs nothing");
    }

    @Test
    void azure_completion_calls_the_deployment_with_its_api_version_and_counts_the_tokens() {
        ProviderEndpoint endpoint = azure("ok", "2024-06-01").withPrices(0.001, 0.002);

        ProbeResult result = probe(endpoint, ProbeMode.COMPLETION, TIMEOUT);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = onlyRequest();
        assertEquals("POST", request.method());
        assertEquals("/ok/openai/deployments/my-gpt4o/chat/completions", request.path());
        assertEquals("api-version=2024-06-01", request.query());
        Map<?, ?> body = json(request.body());
        assertEquals(List.of(Map.of("role", "user", "content", "ping")), body.get("messages"));
        assertEquals(16, body.get("max_tokens"));
        assertFalse(body.containsKey("model"), "the deployment in the URL picks the model");
        assertEquals(List.of(new Spent(DEPLOYMENT, OPENAI_USAGE[0], OPENAI_USAGE[1], OPENAI_USAGE[0] * 0.001 + OPENAI_USAGE[1] * 0.002)), spent);
    }

    @Test
    void azure_embedding_gets_an_embedding_call_without_chat_parameters() {
        probe(new ProviderEndpoint("azure", provider.root("ok") + "/openai", CANARY, "embed-small", "embedding", 0),
                ProbeMode.COMPLETION, TIMEOUT);

        FakeProvider.Request request = onlyRequest();
        assertEquals("/ok/openai/deployments/embed-small/embeddings", request.path(), "a trailing /openai in api_base is not doubled");
        assertEquals(Map.of("input", "ping"), json(request.body()));
    }

    // ---- Anthropic

    @ParameterizedTest
    @CsvSource({"''", "/v1", "/v1/messages"})
    void anthropic_models_mode_lists_models_with_its_key_and_version_headers(String baseSuffix) {
        ProbeResult result = probe(new ProviderEndpoint("anthropic", provider.root("ok") + baseSuffix, CANARY, "claude-3-5-haiku"),
                ProbeMode.MODELS, TIMEOUT);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = onlyRequest();
        assertEquals("GET", request.method());
        assertEquals("/ok/v1/models", request.path());
        assertEquals(CANARY, request.header("x-api-key"));
        assertEquals("2023-06-01", request.header("anthropic-version"));
        assertNull(request.authorization());
    }

    @Test
    void anthropic_completion_sends_a_short_message_and_counts_its_tokens() {
        ProbeResult result = probe(new ProviderEndpoint("anthropic", provider.root("ok") + "/v1", CANARY, "claude-3-5-haiku", "chat", 8),
                ProbeMode.COMPLETION, TIMEOUT);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = onlyRequest();
        assertEquals("POST", request.method());
        assertEquals("/ok/v1/messages", request.path());
        assertEquals(Map.of("model", "claude-3-5-haiku", "max_tokens", 8, "messages", List.of(Map.of("role", "user", "content", "ping"))),
                json(request.body()));
        assertEquals(List.of(new Spent(DEPLOYMENT, ANTHROPIC_USAGE[0], ANTHROPIC_USAGE[1], 0)), spent);
    }

    @Test
    void an_anthropic_embedding_deployment_is_only_listed() {
        probe(new ProviderEndpoint("anthropic", provider.root("ok"), CANARY, "voyage", "embedding", 0), ProbeMode.COMPLETION, TIMEOUT);

        assertEquals("/ok/v1/models", onlyRequest().path());
    }

    @Test
    void anthropics_error_shape_gives_a_redacted_message() {
        var unhealthy = assertUnhealthy(ErrorKind.AUTH,
                probe(new ProviderEndpoint("anthropic", provider.root("anthropic-401"), CANARY, "claude"), ProbeMode.MODELS, TIMEOUT));

        assertEquals("HTTP 401 from upstream: invalid x-api-key ***", unhealthy.message());
    }

    // ---- Ollama

    @ParameterizedTest
    @CsvSource({"llama3", "llama3:latest", "qwen2:7b"})
    void ollama_models_mode_finds_the_model_in_its_tags(String model) {
        ProbeResult result = probe(new ProviderEndpoint("ollama", provider.root("ok"), "", model), ProbeMode.MODELS, TIMEOUT);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = onlyRequest();
        assertEquals("GET", request.method());
        assertEquals("/ok/api/tags", request.path());
        assertNull(request.authorization(), "no key, no header");
    }

    @Test
    void an_ollama_model_that_is_not_pulled_is_model_not_found() {
        var unhealthy = assertUnhealthy(ErrorKind.MODEL_NOT_FOUND,
                probe(new ProviderEndpoint("ollama", provider.root("ok"), "", "mistral"), ProbeMode.MODELS, TIMEOUT));

        assertEquals("model mistral is not on this Ollama server (not pulled)", unhealthy.message());
    }

    @Test
    void ollama_completion_chats_without_streaming_with_num_predict_and_counts_tokens() {
        ProbeResult result = probe(new ProviderEndpoint("ollama_chat", provider.root("ok"), CANARY, "llama3"), ProbeMode.COMPLETION, TIMEOUT);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = onlyRequest();
        assertEquals("POST", request.method());
        assertEquals("/ok/api/chat", request.path());
        assertEquals("Bearer " + CANARY, request.authorization(), "a configured key goes as a bearer token");
        assertEquals(Map.of("model", "llama3", "stream", false, "options", Map.of("num_predict", 16),
                "messages", List.of(Map.of("role", "user", "content", "ping"))), json(request.body()));
        assertEquals(List.of(new Spent(DEPLOYMENT, OLLAMA_USAGE[0], OLLAMA_USAGE[1], 0)), spent);
    }

    @ParameterizedTest
    @CsvSource({"''", "/api/generate", "/api/chat"})
    void an_ollama_prefix_chat_deployment_generates_as_litellms_ollama_route_does(String baseSuffix) {
        ProbeResult result = probe(new ProviderEndpoint("ollama", provider.root("ok") + baseSuffix, "", "llama3"), ProbeMode.COMPLETION, TIMEOUT);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = onlyRequest();
        assertEquals("/ok/api/generate", request.path(), "an endpoint written into api_base is taken back to the server");
        assertEquals(Map.of("model", "llama3", "prompt", "ping", "stream", false, "options", Map.of("num_predict", 16)), json(request.body()));
        assertEquals(List.of(new Spent(DEPLOYMENT, OLLAMA_USAGE[0], OLLAMA_USAGE[1], 0)), spent);
    }

    @Test
    void an_ollama_embedding_deployment_gets_an_embed_call_without_chat_parameters() {
        probe(new ProviderEndpoint("ollama", provider.root("ok"), "", "nomic-embed-text", "embedding", 0), ProbeMode.COMPLETION, TIMEOUT);

        FakeProvider.Request request = onlyRequest();
        assertEquals("/ok/api/embed", request.path());
        assertEquals(Map.of("model", "nomic-embed-text", "input", "ping"), json(request.body()));
    }

    @Test
    void ollamas_plain_error_is_shown() {
        var unhealthy = assertUnhealthy(ErrorKind.MODEL_NOT_FOUND,
                probe(new ProviderEndpoint("ollama", provider.root("ollama-404"), "", "llama3"), ProbeMode.COMPLETION, TIMEOUT));

        assertEquals("HTTP 404 from upstream: model \"llama3\" not found, try pulling it first", unhealthy.message());
    }

    // ---- any other provider: HTTP reachability

    @ParameterizedTest
    @CsvSource({"ok", "teapot", "redirect", "status-400", "status-405", "status-429", "garbage"})
    void any_answer_below_500_but_401_403_404_is_reachable(String behaviour) {
        for (ProbeMode mode : new ProbeMode[] {ProbeMode.MODELS, ProbeMode.COMPLETION}) {
            ProbeResult result = probe(new ProviderEndpoint("bedrock", provider.root(behaviour), CANARY, "anthropic.claude-v2"), mode, TIMEOUT);
            assertInstanceOf(ProbeResult.Healthy.class, result, behaviour + " " + mode + ": " + result);
        }
        for (FakeProvider.Request request : provider.requests()) {
            assertEquals("GET", request.method(), "the generic check never sends a body: its API is unknown");
            assertEquals("/" + behaviour, request.path(), "the api_base itself; a redirect is not followed");
            assertEquals("Bearer " + CANARY, request.authorization());
        }
        assertTrue(spent.isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"status-401, AUTH", "status-403, AUTH", "status-404, MODEL_NOT_FOUND", "status-500, SERVER_ERROR",
            "status-503, SERVER_ERROR"})
    void a_generic_provider_refusing_the_key_missing_or_failing_is_unhealthy(String behaviour, ErrorKind kind) {
        var unhealthy = assertUnhealthy(kind,
                probe(new ProviderEndpoint("bedrock", provider.root(behaviour), CANARY, "x"), ProbeMode.MODELS, TIMEOUT));

        assertTrue(unhealthy.message().startsWith("HTTP " + behaviour.substring("status-".length()) + " from upstream"), unhealthy.message());
    }

    // ---- every family: failures are classified and redacted

    @ParameterizedTest
    @CsvSource({
            "openai, status-401, AUTH", "openai, status-404, MODEL_NOT_FOUND", "openai, status-429, RATE_LIMITED",
            "openai, status-500, SERVER_ERROR", "openai, garbage, MALFORMED_RESPONSE", "openai, error-in-200, HTTP_ERROR",
            "azure, status-401, AUTH", "azure, status-404, MODEL_NOT_FOUND", "azure, status-429, RATE_LIMITED",
            "azure, status-500, SERVER_ERROR", "azure, garbage, MALFORMED_RESPONSE", "azure, error-in-200, HTTP_ERROR",
            "anthropic, status-401, AUTH", "anthropic, status-404, MODEL_NOT_FOUND", "anthropic, status-429, RATE_LIMITED",
            "anthropic, status-529, SERVER_ERROR", "anthropic, garbage, MALFORMED_RESPONSE",
            "ollama, status-401, AUTH", "ollama, status-404, MODEL_NOT_FOUND", "ollama, status-429, RATE_LIMITED",
            "ollama, status-500, SERVER_ERROR", "ollama, garbage, MALFORMED_RESPONSE",
            "gemini, status-403, AUTH", "gemini, status-404, MODEL_NOT_FOUND", "gemini, status-500, SERVER_ERROR", "gemini, garbage, MALFORMED_RESPONSE",
            "cohere, status-401, AUTH", "cohere, status-429, RATE_LIMITED", "cohere, status-503, SERVER_ERROR", "cohere, garbage, MALFORMED_RESPONSE",
            "bedrock, status-500, SERVER_ERROR", "bedrock, status-401, AUTH"})
    void failures_are_classified_with_no_secret_in_the_message(String family, String behaviour, ErrorKind kind) {
        String base = family.equals("openai") ? provider.apiBase(behaviour) : provider.root(behaviour);
        for (ProbeMode mode : new ProbeMode[] {ProbeMode.MODELS, ProbeMode.COMPLETION}) {
            assertUnhealthy(kind, probe(new ProviderEndpoint(family, base, CANARY, "m"), mode, TIMEOUT));
        }
        assertTrue(spent.isEmpty(), "a failed probe reports no spend");
    }

    @ParameterizedTest
    @CsvSource({"openai", "azure", "anthropic", "ollama", "gemini", "cohere", "bedrock"})
    void a_hung_upstream_is_a_timeout_within_the_deadline_for_every_family(String family) {
        ProviderEndpoint endpoint = new ProviderEndpoint(family, provider.root("hang"), CANARY, "m");
        long start = System.nanoTime();

        ProbeResult result = assertTimeoutPreemptively(SHORT_TIMEOUT.multipliedBy(5), () -> probe(endpoint, ProbeMode.COMPLETION, SHORT_TIMEOUT));

        assertUnhealthy(ErrorKind.TIMEOUT, result);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(SHORT_TIMEOUT.multipliedBy(3)) < 0, "took " + took.toMillis() + " ms");
    }

    @Test
    void a_deployment_the_dispatcher_does_not_know_is_unknown() {
        probes = ProviderProbes.create(Map.of(), SecretRedactor.shapesOnly(), OutboundHttp.direct(), spend);

        var unhealthy = assertUnhealthy(ErrorKind.UNKNOWN,
                probes.probe(new Deployment("missing", "m", "http://127.0.0.1:1", ProbeMode.MODELS), TIMEOUT));

        assertEquals("no provider endpoint configured", unhealthy.message());
    }

    @Test
    void one_dispatcher_serves_every_family_at_once() {
        probes = ProviderProbes.create(Map.of(
                        "a", new ProviderEndpoint("openai", provider.apiBase("ok"), CANARY, "gpt-4o"),
                        "b", azure("ok", ""),
                        "c", new ProviderEndpoint("anthropic", provider.root("ok"), CANARY, "claude"),
                        "d", new ProviderEndpoint("ollama", provider.root("ok"), "", "llama3"),
                        "e", new ProviderEndpoint("sagemaker", provider.root("ok"), CANARY, "x")),
                SecretRedactor.shapesOnly(), OutboundHttp.direct(), spend);

        for (String id : List.of("a", "b", "c", "d", "e")) {
            ProbeResult result = probes.probe(new Deployment(id, "group", "http://ignored", ProbeMode.MODELS), TIMEOUT);
            assertInstanceOf(ProbeResult.Healthy.class, result, id + ": " + result);
        }
        assertEquals(List.of("/ok/v1/models", "/ok/openai/models", "/ok/v1/models", "/ok/api/tags", "/ok"),
                provider.requests().stream().map(FakeProvider.Request::path).toList());
        assertEquals(ProviderFamily.GENERIC_HTTP, probes.family("e").orElseThrow());
    }

    @Test
    void after_close_probes_fail_instead_of_calling_out() {
        ProviderEndpoint endpoint = new ProviderEndpoint("openai", provider.apiBase("ok"), CANARY, "gpt-4o");
        probes = ProviderProbes.create(Map.of(DEPLOYMENT, endpoint), SecretRedactor.shapesOnly(), OutboundHttp.direct(), spend);
        probes.close();

        ProbeResult result = probes.probe(new Deployment(DEPLOYMENT, "g", endpoint.apiBase(), ProbeMode.MODELS), TIMEOUT);

        assertInstanceOf(ProbeResult.Unhealthy.class, result);
        assertTrue(provider.requests().isEmpty());
    }

    private ProviderEndpoint azure(String behaviour, String apiVersion) {
        return new ProviderEndpoint("azure", provider.root(behaviour), CANARY, "my-gpt4o").withApiVersion(apiVersion);
    }

    private ProbeResult probe(ProviderEndpoint endpoint, ProbeMode mode, Duration timeout) {
        if (probes != null) {
            probes.close();
        }
        probes = ProviderProbes.create(Map.of(DEPLOYMENT, endpoint), SecretRedactor.shapesOnly(), OutboundHttp.direct(), spend);
        return probes.probe(new Deployment(DEPLOYMENT, "my-model", endpoint.apiBase(), mode), timeout);
    }

    private FakeProvider.Request onlyRequest() {
        List<FakeProvider.Request> requests = provider.requests();
        assertEquals(1, requests.size(), requests.toString());
        return requests.get(0);
    }

    private static ProbeResult.Unhealthy assertUnhealthy(ErrorKind kind, ProbeResult result) {
        var unhealthy = assertInstanceOf(ProbeResult.Unhealthy.class, result);
        assertEquals(kind, unhealthy.kind(), unhealthy.message());
        assertFalse(unhealthy.message().toLowerCase().contains("canary"), unhealthy.message());
        return unhealthy;
    }
}
