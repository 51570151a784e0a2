package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /health?model=NAME} checks that group now (LiteLLM's query), while plain {@code /health}
 * never waits; with a master key the fresh check needs it.
 */
class CheckModelOnRequestEndToEndTest {

    private static String config(FakeProviderServer provider, String extraGeneral) {
        return """
                model_list:
                  - model_name: gpt-4
                    litellm_params: {model: openai/gpt-4, api_base: %s, api_key: sk-test-key}
                  - model_name: claude-2
                    litellm_params: {model: openai/claude-2, api_base: %s, api_key: sk-test-key}
                general_settings:
                  health_check_interval: 3600
                  health_check_timeout: 2
                %s
                """.formatted(provider.apiBase("gpt"), provider.apiBase("claude"), extraGeneral);
    }

    @Test
    void aCheckOnRequestSeesAChangeTheScheduledRoundHasNotSeenYet() throws Exception {
        try (FakeProviderServer provider = FakeProviderServer.start(0);
             RunningApp app = RunningApp.start(config(provider, ""))) {
            app.awaitReady();
            int before = provider.calls("gpt");
            provider.behave("gpt", FakeProviderServer.Behaviour.FAILING);

            HttpResponse<String> response = app.get("/health?model=gpt-4");
            JsonNode group = RunningApp.parse(response.body());
            assertEquals(503, response.statusCode());
            assertEquals("unhealthy", group.get("status").asText());
            assertEquals("gpt-4", group.get("model").asText());
            assertEquals(0, group.get("healthy_count").asInt());
            assertEquals(1, group.get("unhealthy_count").asInt());
            assertTrue(group.get("unhealthy_endpoints").get(0).get("error").asText().contains("500"));
            assertEquals(before + 1, provider.calls("gpt"), "one probe of the asked group");

            for (int i = 0; i < 5; i++) {
                app.get("/health?model=gpt-4");
            }
            assertEquals(before + 1, provider.calls("gpt"), "repeated requests within 5 s reuse the latest verdict");
            assertEquals("unhealthy", app.json("/health/models?model=gpt-4").get("unhealthy").get(0).get("status").asText());
            assertEquals(200, app.get("/health").statusCode(), "claude-2 is still healthy");
        }
    }

    @Test
    void anUnknownModelIs404() throws Exception {
        try (FakeProviderServer provider = FakeProviderServer.start(0);
             RunningApp app = RunningApp.start(config(provider, ""))) {
            app.awaitReady();
            HttpResponse<String> response = app.get("/health?model=no-such-model");
            assertEquals(404, response.statusCode());
            assertTrue(response.body().contains("is not configured"));
        }
    }

    @Test
    void withAMasterKeyTheCheckNeedsTheKey() throws Exception {
        try (FakeProviderServer provider = FakeProviderServer.start(0);
             RunningApp app = RunningApp.start(config(provider, "  master_key: sk-master-test"))) {
            app.awaitReady();
            int before = provider.calls("gpt");
            assertEquals(401, app.get("/health?model=gpt-4").statusCode());
            assertEquals(before, provider.calls("gpt"), "no probe for an unauthenticated caller");
            assertEquals(200, app.get("/health?model=gpt-4", "Authorization", "Bearer sk-master-test").statusCode());
            HttpResponse<String> statusOnly = app.get("/health");
            assertEquals(200, statusOnly.statusCode());
            assertEquals("{\"status\":\"healthy\"}", statusOnly.body());
        }
    }
}
