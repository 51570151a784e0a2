package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.adapters.probes.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's LiteLLM config as real ones are written, started for real against providers that
 * check keys: load balancing over two keys, an {@code include:} file, keys and base URLs from the
 * providers' environment variables, a reusable credential, a wildcard and a docs placeholder. Each
 * deployment gets the verdict it deserves and each provider the key that belongs to it.
 */
class RealConfigsEndToEndTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String KEY_A = "sk-e2e-key-a-1111";
    private static final String KEY_B = "sk-e2e-key-b-2222";
    private static final String OPENAI_ENV_KEY = "sk-e2e-openai-env-3333";
    private static final String ANTHROPIC_ENV_KEY = "sk-ant-e2e-env-4444";
    private static final String AZURE_EU_KEY = "azure-e2e-eu-5555";
    private static final String GROQ_ENV_KEY = "gsk_e2e_env_6666";

    @TempDir
    Path dir;

    @Test
    void aRealShapedConfigGetsTheRightVerdictsAndEachProviderItsOwnKey() throws Exception {
        try (RecordingProvider provider = RecordingProvider.accepting(
                Set.of(KEY_A, KEY_B, OPENAI_ENV_KEY, ANTHROPIC_ENV_KEY, AZURE_EU_KEY, GROQ_ENV_KEY))) {
            Files.writeString(dir.resolve("groq.yaml"), """
                    model_list:
                      - model_name: groq-llama
                        litellm_params: {model: groq/llama-3.1-8b-instant}
                    """);
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, """
                    include: [groq.yaml]
                    credential_list:
                      - credential_name: azure-eu
                        credential_values:
                          api_key: os.environ/AZURE_EU_KEY
                          api_base: %s
                          api_version: "2024-10-21"
                    model_list:
                      - model_name: gpt-4o
                        litellm_params: {model: openai/gpt-4o, api_base: %s, api_key: os.environ/KEY_A}
                      - model_name: gpt-4o
                        litellm_params: {model: openai/gpt-4o, api_base: %s, api_key: os.environ/KEY_B}
                      - model_name: from-env
                        litellm_params: {model: gpt-4o-mini}
                      - model_name: claude
                        litellm_params: {model: anthropic/claude-3-5-haiku-20241022}
                      - model_name: azure-gpt
                        litellm_params: {model: azure/gpt4o-eu, litellm_credential_name: azure-eu}
                      - model_name: placeholder
                        litellm_params: {model: azure/gpt-4o, api_base: your_api_base, api_key: os.environ/KEY_A}
                      - model_name: "ollama/*"
                        litellm_params: {model: "ollama/*", api_base: %s}
                    router_settings:
                      redis_host: <your redis host>
                    general_settings:
                      health_check_interval: 1
                      health_check_timeout: 2
                    """.formatted(provider.base("/azure"), provider.base("/openai/v1"), provider.base("/openai/v1"),
                    provider.base("/ollama")));
            Map<String, String> environment = Map.of("KEY_A", KEY_A, "KEY_B", KEY_B, "AZURE_EU_KEY", AZURE_EU_KEY,
                    "OPENAI_API_KEY", OPENAI_ENV_KEY, "OPENAI_API_BASE", provider.base("/env-openai/v1"),
                    "ANTHROPIC_API_KEY", ANTHROPIC_ENV_KEY, "ANTHROPIC_API_BASE", provider.base("/anthropic"),
                    "GROQ_API_KEY", GROQ_ENV_KEY, "GROQ_API_BASE", provider.base("/groq/openai/v1"));

            try (RunningApp app = RunningApp.startFile(config, environment)) {
                app.awaitReady();
                JsonNode models = Eventually.poll(BOUND, () -> app.json("/health/models"),
                        seen -> names(seen.get("healthy")).size() == 7 && names(seen.get("unhealthy")).size() == 1);

                assertEquals(new TreeSet<>(List.of("gpt-4o", "from-env", "claude", "azure-gpt", "ollama/*", "groq-llama")),
                        new TreeSet<>(names(models.get("healthy"))), models.toString());
                JsonNode placeholder = models.get("unhealthy").get(0);
                assertEquals("placeholder", placeholder.get("model").asText());
                assertEquals("config: litellm_params.api_base is not an http:// or https:// URL with a host",
                        placeholder.get("error").asText());

                assertEquals(Set.of("Bearer " + KEY_A, "Bearer " + KEY_B), headers(provider, "/openai/v1/models", "authorization"),
                        "load balancing: each key is checked on its own");
                assertEquals(Set.of("Bearer " + OPENAI_ENV_KEY), headers(provider, "/env-openai/v1/models", "authorization"));
                assertEquals(Set.of(ANTHROPIC_ENV_KEY), headers(provider, "/anthropic/v1/models", "x-api-key"));
                assertEquals(Set.of("2023-06-01"), headers(provider, "/anthropic/v1/models", "anthropic-version"));
                assertEquals(Set.of(AZURE_EU_KEY), headers(provider, "/azure/openai/models?api-version=2024-10-21", "api-key"));
                assertEquals(Set.of("Bearer " + GROQ_ENV_KEY), headers(provider, "/groq/openai/v1/models", "authorization"));
                assertFalse(provider.received("/ollama").isEmpty(), "the wildcard is checked by Ollama's listing");
                assertTrue(provider.received("/ollama").stream().allMatch(r -> r.pathAndQuery().equals("/ollama/api/tags")),
                        "never a completion for model *");

                JsonNode redis = app.json("/health/services").get("redis");
                assertEquals("disconnected", redis.get("status").asText(), "a placeholder host is never connected");
                assertEquals("config: router_settings.redis_host is a placeholder", redis.get("error").asText());

                String everything = app.get("/health").body() + app.get("/health/models").body() + app.get("/metrics").body();
                for (String key : environment.values()) {
                    if (key.startsWith("sk-") || key.startsWith("gsk_") || key.startsWith("azure-e2e")) {
                        assertFalse(everything.contains(key), "a key reached an answer");
                    }
                }
            }
        }
    }

    private static List<String> names(JsonNode entries) {
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        entries.forEach(e -> names.add(e.get("model").asText()));
        return names;
    }

    private static Set<String> headers(RecordingProvider provider, String pathAndQuery, String header) {
        Map<String, String> seen = new TreeMap<>();
        provider.received(pathAndQuery).stream().filter(r -> r.pathAndQuery().equals(pathAndQuery))
                .forEach(r -> seen.put(r.header(header), r.pathAndQuery()));
        return seen.keySet();
    }
}
