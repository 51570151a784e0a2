package dev.llmhealth.adapters.probes.models;

import static dev.llmhealth.adapters.probes.models.FakeProvider.CANARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.policy.SecretRedactor;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Against a real HTTP server in the same JVM that answers, fails, hangs or talks garbage on request. */
class OpenAiCompatibleModelProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

    private final FakeProvider provider = new FakeProvider();
    private OpenAiCompatibleModelProbe probe;

    OpenAiCompatibleModelProbeTest() throws Exception {
    }

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.close();
        }
        provider.close();
    }

    @Test
    void models_mode_lists_models_with_the_bearer_key() {
        ProbeResult result = probe(endpoint("ok", "gpt-4o"), ProbeMode.MODELS, TIMEOUT);

        var healthy = assertInstanceOf(ProbeResult.Healthy.class, result);
        assertFalse(healthy.latency().isNegative());
        FakeProvider.Request request = onlyRequest();
        assertEquals("GET", request.method());
        assertEquals("/ok/v1/models", request.path());
        assertEquals("Bearer " + CANARY, request.authorization());
    }

    @Test
    void no_key_means_no_authorization_header() {
        probe(new ProviderEndpoint("hosted_vllm", provider.apiBase("ok"), "", "llama-3"), ProbeMode.MODELS, TIMEOUT);

        assertNull(onlyRequest().authorization());
    }

    @Test
    void chat_completion_asks_for_a_few_tokens() {
        ProbeResult result = probe(endpoint("ok", "gpt-4o"), ProbeMode.COMPLETION, TIMEOUT);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = onlyRequest();
        assertEquals("POST", request.method());
        assertEquals("/ok/v1/chat/completions", request.path());
        assertEquals("Bearer " + CANARY, request.authorization());
        Map<?, ?> body = json(request.body());
        assertEquals("gpt-4o", body.get("model"));
        assertEquals(List.of(Map.of("role", "user", "content", "ping")), body.get("messages"));
        assertEquals(16, body.get("max_tokens"));
        assertFalse(body.containsKey("max_completion_tokens"));
    }

    @Test
    void a_reasoning_model_gets_max_completion_tokens_and_its_configured_budget() {
        probe(new ProviderEndpoint("openai", provider.apiBase("ok"), CANARY, "o3", "chat", 64), ProbeMode.COMPLETION, TIMEOUT);

        Map<?, ?> body = json(onlyRequest().body());
        assertEquals("o3", body.get("model"));
        assertEquals(64, body.get("max_completion_tokens"));
        assertFalse(body.containsKey("max_tokens"));
    }

    @Test
    void an_embedding_deployment_gets_an_embedding_call_without_chat_parameters() {
        ProbeResult result = probe(new ProviderEndpoint("openai", provider.apiBase("ok"), CANARY, "text-embedding-3-small",
                "embedding", 0), ProbeMode.COMPLETION, TIMEOUT);

        assertInstanceOf(ProbeResult.Healthy.class, result);
        FakeProvider.Request request = onlyRequest();
        assertEquals("/ok/v1/embeddings", request.path());
        assertEquals(Map.of("model", "text-embedding-3-small", "input", "ping"), json(request.body()));
    }

    @Test
    void an_image_deployment_is_only_listed_never_asked_to_generate() {
        probe(new ProviderEndpoint("openai", provider.apiBase("ok"), CANARY, "dall-e-3", "image_generation", 0),
                ProbeMode.COMPLETION, TIMEOUT);

        assertEquals("/ok/v1/models", onlyRequest().path());
    }

    @ParameterizedTest
    @CsvSource({
            "status-401, AUTH",
            "status-403, AUTH",
            "status-404, MODEL_NOT_FOUND",
            "status-429, RATE_LIMITED",
            "status-408, REQUEST_TIMEOUT",
            "status-500, SERVER_ERROR",
            "status-503, SERVER_ERROR",
            "status-400, HTTP_ERROR",
            "status-302, HTTP_ERROR"})
    void an_error_status_is_classified_with_the_redacted_upstream_message(String behaviour, ErrorKind kind) {
        ProbeResult result = probe(endpoint(behaviour, "gpt-4o"), ProbeMode.COMPLETION, TIMEOUT);

        var unhealthy = assertUnhealthy(kind, result);
        String status = behaviour.substring("status-".length());
        assertTrue(unhealthy.message().startsWith("HTTP " + status + " from upstream: "), unhealthy.message());
        assertEquals(1, provider.requests().size(), "redirects are not followed");
    }

    @Test
    void the_provider_message_is_shown_with_the_key_masked() {
        var unhealthy = assertUnhealthy(ErrorKind.AUTH, probe(endpoint("status-401", "gpt-4o"), ProbeMode.MODELS, TIMEOUT));

        assertEquals("HTTP 401 from upstream: Incorrect API key provided: ***. Header was Authorization: Bearer ***",
                unhealthy.message());
    }

    @Test
    void a_secret_echoed_by_a_provider_without_our_key_is_still_masked_by_its_shape() {
        ProviderEndpoint keyless = new ProviderEndpoint("hosted_vllm", provider.apiBase("status-500"), "", "llama-3");

        var unhealthy = assertUnhealthy(ErrorKind.SERVER_ERROR, probe(keyless, ProbeMode.MODELS, TIMEOUT));

        assertEquals("HTTP 500 from upstream: *** Bearer ***", unhealthy.message());
    }

    @Test
    void a_non_json_success_is_a_malformed_response() {
        assertUnhealthy(ErrorKind.MALFORMED_RESPONSE, probe(endpoint("garbage", "gpt-4o"), ProbeMode.MODELS, TIMEOUT));
    }

    @Test
    void an_error_object_inside_a_success_is_an_http_error() {
        var unhealthy = assertUnhealthy(ErrorKind.HTTP_ERROR, probe(endpoint("error-in-200", "gpt-4o"), ProbeMode.COMPLETION, TIMEOUT));

        assertEquals("HTTP 200 with an error from upstream: model overloaded, key ***", unhealthy.message());
    }

    @Test
    void a_hung_upstream_is_a_timeout_within_the_deadline() {
        long start = System.nanoTime();
        ProbeResult result = assertTimeoutPreemptively(SHORT_TIMEOUT.multipliedBy(3),
                () -> probe(endpoint("hang", "gpt-4o"), ProbeMode.COMPLETION, SHORT_TIMEOUT));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertUnhealthy(ErrorKind.TIMEOUT, result);
        assertTrue(took.compareTo(SHORT_TIMEOUT.plusMillis(500)) < 0, "took " + took.toMillis() + " ms");
    }

    @Test
    void a_closed_port_is_connection_refused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ProviderEndpoint endpoint = new ProviderEndpoint("openai", "http://127.0.0.1:" + closedPort + "/v1", CANARY, "gpt-4o");

        var unhealthy = assertUnhealthy(ErrorKind.CONNECTION_REFUSED, probe(endpoint, ProbeMode.MODELS, TIMEOUT));

        assertEquals("connection refused", unhealthy.message());
    }

    @Test
    void an_unresolvable_host_is_a_dns_failure() {
        ProviderEndpoint endpoint = new ProviderEndpoint("openai", "http://no-such-host.invalid/v1", CANARY, "gpt-4o");

        var unhealthy = assertUnhealthy(ErrorKind.DNS, assertTimeoutPreemptively(TIMEOUT.multipliedBy(3),
                () -> probe(endpoint, ProbeMode.MODELS, TIMEOUT)));

        assertEquals("cannot resolve host no-such-host.invalid", unhealthy.message());
    }

    @Test
    void a_deployment_without_an_endpoint_is_unknown() {
        probe = new OpenAiCompatibleModelProbe(Map.of(), SecretRedactor.shapesOnly());

        var unhealthy = assertUnhealthy(ErrorKind.UNKNOWN,
                probe.probe(new Deployment("missing", "gpt-4o", "http://127.0.0.1:1/v1", ProbeMode.MODELS), TIMEOUT));

        assertEquals("no provider endpoint configured", unhealthy.message());
    }

    @Test
    void no_time_left_is_a_timeout_without_a_call() {
        assertUnhealthy(ErrorKind.TIMEOUT, probe(endpoint("ok", "gpt-4o"), ProbeMode.MODELS, Duration.ZERO));

        assertTrue(provider.requests().isEmpty());
    }

    @Test
    void the_endpoint_never_shows_its_key() {
        assertFalse(endpoint("ok", "gpt-4o").toString().contains(CANARY));
    }

    private ProviderEndpoint endpoint(String behaviour, String model) {
        return new ProviderEndpoint("openai", provider.apiBase(behaviour), CANARY, model);
    }

    private ProbeResult probe(ProviderEndpoint endpoint, ProbeMode mode, Duration timeout) {
        probe = new OpenAiCompatibleModelProbe(Map.of("deployment-1", endpoint), SecretRedactor.shapesOnly());
        return probe.probe(new Deployment("deployment-1", "my-model", endpoint.apiBase(), mode), timeout);
    }

    private FakeProvider.Request onlyRequest() {
        List<FakeProvider.Request> requests = provider.requests();
        assertEquals(1, requests.size(), requests.toString());
        return requests.get(0);
    }

    private static ProbeResult.Unhealthy assertUnhealthy(ErrorKind kind, ProbeResult result) {
        var unhealthy = assertInstanceOf(ProbeResult.Unhealthy.class, result);
        assertEquals(kind, unhealthy.kind(), unhealthy.message());
        assertFalse(unhealthy.message().contains(CANARY), unhealthy.message());
        assertFalse(unhealthy.message().contains("canary"), unhealthy.message());
        return unhealthy;
    }

    static Map<?, ?> json(String body) {
        try {
            return new ObjectMapper().readValue(body, Map.class);
        } catch (JsonProcessingException notJson) {
            throw new AssertionError("not a JSON object: " + body, notJson);
        }
    }
}
