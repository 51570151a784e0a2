package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real traffic through the app's OpenAI-compatible pass-through to an in-process provider, and
 * the LiteLLM series it feeds, checked to the exact count and sum.
 */
class PassThroughEndToEndTest {

    private static final Map<String, String> GPT4 = Map.of("requested_model", "gpt-4", "model", "gpt-4o", "model_id", "gpt4-a");

    private FakeProviderServer provider;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        provider = FakeProviderServer.start(0);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        provider.close();
    }

    private RunningApp startApp(String generalSettings) {
        app = RunningApp.start("""
                model_list:
                  - model_name: gpt-4
                    litellm_params:
                      model: openai/gpt-4o
                      api_base: %s
                      api_key: sk-upstream-key-gpt4
                    model_info:
                      id: gpt4-a
                      input_cost_per_token: 0.25
                      output_cost_per_token: 0.5
                  - model_name: embedder
                    litellm_params:
                      model: openai/text-embedding-3-small
                      api_base: %s
                      input_cost_per_token: 0.125
                    model_info:
                      id: embed-a
                      mode: embedding
                general_settings:
                  health_check_interval: 300
                  health_check_timeout: 10
                  interval_jitter_percent: 0
                %s
                """.formatted(provider.apiBase("healthy"), provider.apiBase("healthy"), generalSettings));
        app.awaitReady();
        return app;
    }

    @Test
    void nChatCompletionsAreForwardedWithTheDeploymentsKeyAndCountedToTheExactCountAndSum() {
        startApp("");
        provider.usage(7, 3);
        int n = 5;
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> response = ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.chat("gpt-4"));
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("pong", RunningApp.parse(response.body()).at("/choices/0/message/content").asText());
            assertEquals("gpt4-a", response.headers().firstValue("x-litellm-model-id").orElseThrow());
            assertEquals("3.25", response.headers().firstValue("x-litellm-response-cost").orElseThrow());
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;

        FakeProviderServer.Received upstream = provider.lastRequest("healthy").orElseThrow();
        assertEquals("Bearer sk-upstream-key-gpt4", upstream.authorization(), "forwarded with the deployment's own key");
        assertEquals("gpt-4o", RunningApp.parse(upstream.body()).get("model").asText(), "under the provider's model name");

        MetricsText metrics = ProxyCalls.metrics(app);
        assertEquals(n, metrics.sum("litellm_proxy_total_requests_metric_total", Map.of("requested_model", "gpt-4", "status_code", "200")));
        assertEquals(0, metrics.sum("litellm_proxy_failed_requests_metric_total", Map.of("requested_model", "gpt-4")));
        Map<String, String> deployment = Map.of("requested_model", "gpt-4", "litellm_model_name", "gpt-4o", "model_id", "gpt4-a",
                "api_base", provider.apiBase("healthy"), "api_provider", "openai");
        assertEquals(n, metrics.sum("litellm_deployment_success_responses_total", deployment));
        assertEquals(n, metrics.sum("litellm_deployment_total_requests_total", deployment));
        assertEquals(0, metrics.sum("litellm_deployment_failure_responses_total", Map.of("model_id", "gpt4-a")));
        assertEquals(7.0 * n, metrics.sum("litellm_input_tokens_metric_total", GPT4));
        assertEquals(3.0 * n, metrics.sum("litellm_output_tokens_metric_total", GPT4));
        assertEquals(10.0 * n, metrics.sum("litellm_total_tokens_metric_total", GPT4));
        assertEquals(n * (7 * 0.25 + 3 * 0.5),
                metrics.sum("litellm_spend_metric_total", Map.of("model", "gpt-4o", "model_id", "gpt4-a", "api_provider", "openai")));
        assertEquals(n, metrics.sum("litellm_request_total_latency_metric_count", GPT4));
        assertEquals(n, metrics.sum("litellm_llm_api_latency_metric_count", GPT4));
        assertEquals(n, metrics.sum("litellm_request_total_latency_metric_bucket", with(GPT4, "le", "+Inf")));
        double requestSeconds = metrics.sum("litellm_request_total_latency_metric_sum", GPT4);
        double upstreamSeconds = metrics.sum("litellm_llm_api_latency_metric_sum", GPT4);
        assertTrue(upstreamSeconds > 0 && upstreamSeconds <= requestSeconds && requestSeconds <= wallSeconds,
                "upstream " + upstreamSeconds + " s <= request " + requestSeconds + " s <= wall " + wallSeconds + " s");
        assertEquals(0, metrics.sum("litellm_llm_api_time_to_first_token_metric_count", GPT4), "nothing was streamed");
    }

    @Test
    void anUnknownModelIsRefusedAndCountedUnderAFixedLabelNeverUnderTheClientsName() {
        startApp("");
        HttpResponse<String> response = ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.chat("made-up-model"));

        assertEquals(400, response.statusCode());
        assertTrue(RunningApp.parse(response.body()).at("/error/message").asText().contains("Invalid model name"));
        HttpResponse<String> scrape = app.get("/metrics");
        assertFalse(scrape.body().contains("made-up-model"), "client input never becomes a label value");
        MetricsText metrics = MetricsText.parse(scrape.body());
        assertEquals(1, metrics.sum("litellm_proxy_total_requests_metric_total", Map.of("requested_model", "unknown", "status_code", "400")));
        assertEquals(1, metrics.sum("litellm_proxy_failed_requests_metric_total",
                Map.of("requested_model", "unknown", "exception_status", "400", "exception_class", "BadRequestError")));
    }

    @Test
    void aStreamedChatIsPassedOnChunkByChunkAndItsUsageAndTimeToFirstTokenCounted() throws Exception {
        startApp("");
        provider.usage(11, 4);
        HttpResponse<InputStream> response = ProxyCalls.send(app, "/v1/chat/completions", ProxyCalls.streamedChat("gpt-4"),
                HttpResponse.BodyHandlers.ofInputStream());

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        long firstEventAt = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data: ")) {
                    firstEventAt = events.isEmpty() ? System.nanoTime() : firstEventAt;
                    events.add(line.substring(6));
                }
            }
        }
        long lastEventGapMillis = (System.nanoTime() - firstEventAt) / 1_000_000;

        assertEquals(5, events.size(), events.toString());
        assertEquals("[DONE]", events.get(4));
        StringBuilder content = new StringBuilder();
        for (String event : events.subList(0, 3)) {
            content.append(RunningApp.parse(event).at("/choices/0/delta/content").asText(""));
        }
        assertEquals("pong", content.toString());
        assertTrue(lastEventGapMillis >= 40, "events arrive as the upstream sends them, not all at once: " + lastEventGapMillis + " ms");

        MetricsText metrics = ProxyCalls.metrics(app);
        assertEquals(1, metrics.sum("litellm_llm_api_time_to_first_token_metric_count", GPT4));
        assertEquals(11, metrics.sum("litellm_input_tokens_metric_total", GPT4));
        assertEquals(4, metrics.sum("litellm_output_tokens_metric_total", GPT4));
        assertEquals(11 * 0.25 + 4 * 0.5, metrics.sum("litellm_spend_metric_total", Map.of("model_id", "gpt4-a")));
        double firstToken = metrics.sum("litellm_llm_api_time_to_first_token_metric_sum", GPT4);
        double whole = metrics.sum("litellm_llm_api_latency_metric_sum", GPT4);
        assertTrue(firstToken + 0.05 < whole, "first token after " + firstToken + " s, whole answer after " + whole + " s");
        assertEquals(1, metrics.sum("litellm_proxy_total_requests_metric_total", Map.of("requested_model", "gpt-4", "status_code", "200")));
    }

    @Test
    void embeddingsAreForwardedAndTheirInputTokensPriced() {
        startApp("");
        provider.usage(8, 0);
        HttpResponse<String> response = ProxyCalls.post(app, "/v1/embeddings", "{\"model\":\"embedder\",\"input\":\"hello\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("embedding", RunningApp.parse(response.body()).at("/data/0/object").asText());
        MetricsText metrics = ProxyCalls.metrics(app);
        Map<String, String> embedder = Map.of("requested_model", "embedder", "model_id", "embed-a");
        assertEquals(8, metrics.sum("litellm_input_tokens_metric_total", embedder));
        assertEquals(1.0, metrics.sum("litellm_spend_metric_total", Map.of("model_id", "embed-a")));
        assertTrue(provider.lastRequest("healthy").orElseThrow().body().contains("\"model\":\"text-embedding-3-small\""));
    }

    @Test
    void modelsListsTheConfiguredModelGroups() {
        startApp("");
        JsonNode models = app.json("/v1/models");

        assertEquals("list", models.get("object").asText());
        List<String> ids = new ArrayList<>();
        models.get("data").forEach(model -> ids.add(model.get("id").asText()));
        assertEquals(List.of("gpt-4", "embedder"), ids);
    }

    @Test
    void withAMasterKeyEveryPassThroughRouteAsksForIt() {
        startApp("  master_key: sk-master-key-1234");

        assertEquals(401, ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.chat("gpt-4")).statusCode());
        assertEquals(401, ProxyCalls.post(app, "/v1/embeddings", "{\"model\":\"embedder\",\"input\":\"x\"}").statusCode());
        assertEquals(401, app.get("/v1/models").statusCode());
        assertEquals(0, provider.lastRequest("healthy").filter(r -> r.body().contains("messages")).stream().count(),
                "nothing reached the upstream");

        HttpResponse<String> allowed = ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.chat("gpt-4"),
                "Authorization", "Bearer sk-master-key-1234");
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals(200, app.get("/v1/models", "Authorization", "Bearer sk-master-key-1234").statusCode());
        assertEquals("Bearer sk-upstream-key-gpt4", provider.lastRequest("healthy").orElseThrow().authorization(),
                "the client's master key is never passed upstream");
    }

    @Test
    void wrongMethodsAreRefusedWith405() {
        startApp("");
        HttpResponse<String> response = app.get("/v1/chat/completions");
        assertEquals(405, response.statusCode());
        assertEquals("POST", response.headers().firstValue("allow").orElseThrow());
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new java.util.HashMap<>(labels);
        more.put(key, value);
        return more;
    }
}
