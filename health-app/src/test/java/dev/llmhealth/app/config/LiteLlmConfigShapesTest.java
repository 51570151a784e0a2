package dev.llmhealth.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.ProbeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shapes of real LiteLLM configs that an operator drops in unchanged (issue 15). */
class LiteLlmConfigShapesTest {

    private static final String KEY_A = "sk-canary-key-a-0001";
    private static final String KEY_B = "sk-canary-key-b-0002";

    @TempDir
    Path dir;

    @Test
    void load_balanced_entries_that_differ_only_in_a_key_or_a_region_are_separate_deployments() {
        ProxyConfig config = new ConfigLoader(Map.of("KEY_A", KEY_A, "KEY_B", KEY_B)).parse("""
                model_list:
                  - model_name: gpt-4o
                    litellm_params: {model: openai/gpt-4o, api_key: os.environ/KEY_A}
                  - model_name: gpt-4o
                    litellm_params: {model: openai/gpt-4o, api_key: os.environ/KEY_B}
                  - model_name: claude
                    litellm_params: {model: bedrock/anthropic.claude-3, aws_region_name: us-east-1}
                  - model_name: claude
                    litellm_params: {model: bedrock/anthropic.claude-3, aws_region_name: eu-west-1}
                  - model_name: azure
                    litellm_params: {model: azure/gpt-4o, api_base: "https://a.openai.azure.com", api_version: "2024-06-01", api_key: x}
                  - model_name: azure
                    litellm_params: {model: azure/gpt-4o, api_base: "https://a.openai.azure.com", api_version: "2024-10-21", api_key: x}
                """);

        List<String> ids = config.models().stream().map(ModelEntry::id).toList();
        assertEquals(6, ids.stream().distinct().count(), ids.toString());
        assertEquals(Optional.of(KEY_A), config.models().get(0).apiKey());
        assertEquals(Optional.of(KEY_B), config.models().get(1).apiKey());
        ids.forEach(id -> assertFalse(id.contains("canary"), "an id never shows the key it was hashed with"));
    }

    @Test
    void the_derived_id_is_stable_whatever_the_order_of_the_params_and_follows_any_param() {
        String one = new ConfigLoader(Map.of()).parse("model_list: [{model_name: m, litellm_params: {model: openai/a, rpm: 10, api_base: 'http://h:1/v1'}}]")
                .models().getFirst().id();
        String reordered = new ConfigLoader(Map.of()).parse("model_list: [{model_name: m, litellm_params: {api_base: 'http://h:1/v1', rpm: 10, model: openai/a}}]")
                .models().getFirst().id();
        String otherRpm = new ConfigLoader(Map.of()).parse("model_list: [{model_name: m, litellm_params: {model: openai/a, rpm: 11, api_base: 'http://h:1/v1'}}]")
                .models().getFirst().id();
        assertEquals(one, reordered);
        assertNotEquals(one, otherRpm);
    }

    @Test
    void a_duplicate_explicit_id_stays_an_error_and_an_identical_entry_loads_once_with_a_warning() {
        ConfigException duplicate = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).parse("""
                model_list:
                  - {model_name: a, litellm_params: {model: openai/a}, model_info: {id: same}}
                  - {model_name: b, litellm_params: {model: openai/b}, model_info: {id: same}}
                """));
        assertEquals("model_list[1].model_info.id: duplicate deployment id 'same'", duplicate.getMessage());

        ProxyConfig twice = new ConfigLoader(Map.of()).parse("""
                model_list:
                  - {model_name: a, litellm_params: {model: openai/a}}
                  - {model_name: a, litellm_params: {model: openai/a}}
                """);
        assertEquals(1, twice.models().size());
        assertEquals(List.of("model_list[1]: the same model_name and litellm_params as model_list[0]; loaded once"), twice.warnings());
    }

    @Test
    void include_merges_the_model_lists_and_sections_of_the_files_it_names() throws Exception {
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("models/openai.yaml"), """
                model_list:
                  - model_name: gpt-4o
                    litellm_params: {model: openai/gpt-4o, api_key: os.environ/KEY_A}
                include: [../more.yaml]
                """);
        Files.writeString(dir.resolve("more.yaml"), """
                model_list:
                  - model_name: llama
                    litellm_params: {model: ollama/llama3, api_base: "http://gpu:11434"}
                router_settings: {allowed_fails: 7}
                """);
        Path main = dir.resolve("config.yaml");
        Files.writeString(main, """
                include:
                  - models/openai.yaml
                model_list:
                  - model_name: embed
                    litellm_params: {model: openai/text-embedding-3-small}
                    model_info: {mode: embedding}
                """);

        ProxyConfig config = new ConfigLoader(Map.of("KEY_A", KEY_A)).load(main);

        assertEquals(List.of("embed", "gpt-4o", "llama"), config.models().stream().map(ModelEntry::modelName).toList());
        assertEquals(Optional.of(KEY_A), config.models().get(1).apiKey(), "os.environ/ is resolved in included files too");
        assertTrue(config.secrets().contains(KEY_A));
        assertEquals(7, config.passiveHealth().allowedFails());
    }

    @Test
    void a_missing_include_or_an_include_cycle_is_an_error_naming_the_file() throws Exception {
        Path main = dir.resolve("config.yaml");
        Files.writeString(main, "include: [nowhere.yaml]\n");
        ConfigException missing = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(main));
        assertTrue(missing.getMessage().contains(dir.resolve("nowhere.yaml").toString() + " does not exist"), missing.getMessage());

        Files.writeString(dir.resolve("a.yaml"), "include: [b.yaml]\n");
        Files.writeString(dir.resolve("b.yaml"), "include: [a.yaml]\n");
        Files.writeString(main, "include: [a.yaml]\n");
        ConfigException cycle = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(main));
        assertTrue(cycle.getMessage().contains("an include cycle (config.yaml -> a.yaml -> b.yaml -> a.yaml)"), cycle.getMessage());

        Files.writeString(main, "include: models.yaml\n");
        ConfigException notAList = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(main));
        assertTrue(notAList.getMessage().startsWith("config.yaml: include: must be a list of file paths"), notAList.getMessage());
    }

    @Test
    void an_entry_without_a_key_uses_the_providers_environment_variable_as_litellm_does() {
        Map<String, String> env = Map.of("OPENAI_API_KEY", KEY_A, "GROQ_API_KEY", KEY_B, "AZURE_API_KEY", "az-key",
                "AZURE_API_BASE", "https://env.openai.azure.com", "AZURE_API_VERSION", "2024-08-01-preview",
                "OLLAMA_API_BASE", "http://ollama.internal:11434");
        ProxyConfig config = new ConfigLoader(env).parse("""
                model_list:
                  - {model_name: gpt, litellm_params: {model: gpt-4o}}
                  - {model_name: groq, litellm_params: {model: groq/llama-3.1-8b-instant}}
                  - {model_name: azure, litellm_params: {model: azure/my-deployment}}
                  - {model_name: llama, litellm_params: {model: ollama_chat/llama3}}
                  - {model_name: own, litellm_params: {model: openai/gpt-4o, api_key: sk-own-key-0003}}
                """);
        Map<String, ModelEntry> byName = byName(config);

        assertEquals("env:OPENAI_API_KEY", byName.get("gpt").credentialSource());
        assertEquals(Optional.of(KEY_A), byName.get("gpt").apiKey());
        assertEquals("env:GROQ_API_KEY", byName.get("groq").credentialSource());
        assertEquals("https://api.groq.com/openai/v1", byName.get("groq").apiBase());
        assertEquals("https://env.openai.azure.com", byName.get("azure").apiBase());
        assertEquals(Optional.of("2024-08-01-preview"), byName.get("azure").apiVersion());
        assertEquals(ProbeMode.MODELS, byName.get("azure").probeMode(), "probed now that its base comes from AZURE_API_BASE");
        assertEquals("http://ollama.internal:11434", byName.get("llama").apiBase());
        assertEquals(ModelEntry.NO_CREDENTIAL, byName.get("llama").credentialSource());
        assertEquals("litellm_params.api_key", byName.get("own").credentialSource());
        assertTrue(config.secrets().containsAll(List.of(KEY_A, KEY_B, "az-key")), "keys from the environment are masked too");
    }

    @Test
    void an_unset_variable_falls_back_to_the_providers_variable_and_is_a_problem_only_without_one() {
        ProxyConfig config = new ConfigLoader(Map.of("OPENAI_API_KEY", KEY_A)).parse("""
                model_list:
                  - {model_name: a, litellm_params: {model: openai/gpt-4o, api_key: os.environ/MY_UNSET_KEY}}
                  - {model_name: b, litellm_params: {model: anthropic/claude-3-5-sonnet, api_key: os.environ/MY_UNSET_KEY}}
                """);
        Map<String, ModelEntry> byName = byName(config);

        assertEquals("env:OPENAI_API_KEY", byName.get("a").credentialSource());
        assertEquals(Optional.empty(), byName.get("a").configProblem());
        assertEquals(Optional.of("model_list[1].litellm_params.api_key refers to environment variable MY_UNSET_KEY, which is not set"),
                byName.get("b").configProblem());
        assertEquals(ProbeMode.MODELS, byName.get("b").probeMode());
        assertEquals(1, config.warnings().size(), config.warnings().toString());
    }

    @Test
    void credential_list_entries_fill_in_what_the_deployment_leaves_out() {
        ProxyConfig config = new ConfigLoader(Map.of("AZURE_KEY_EU", KEY_A)).parse("""
                credential_list:
                  - credential_name: azure-eu
                    credential_values:
                      api_key: os.environ/AZURE_KEY_EU
                      api_base: https://eu.openai.azure.com
                      api_version: "2024-10-21"
                    credential_info: {description: EU resource}
                model_list:
                  - model_name: gpt-4o
                    litellm_params: {model: azure/gpt-4o, litellm_credential_name: azure-eu}
                  - model_name: gpt-4o-own-base
                    litellm_params: {model: azure/gpt-4o, litellm_credential_name: azure-eu, api_base: "https://own.openai.azure.com"}
                  - model_name: unknown
                    litellm_params: {model: azure/gpt-4o, litellm_credential_name: nobody}
                """);
        Map<String, ModelEntry> byName = byName(config);

        ModelEntry shared = byName.get("gpt-4o");
        assertEquals("https://eu.openai.azure.com", shared.apiBase());
        assertEquals(Optional.of(KEY_A), shared.apiKey());
        assertEquals("credential:azure-eu", shared.credentialSource());
        assertEquals(Optional.of("2024-10-21"), shared.apiVersion());
        assertEquals(ProbeMode.MODELS, shared.probeMode());
        assertEquals("https://own.openai.azure.com", byName.get("gpt-4o-own-base").apiBase(), "the deployment's own value wins");
        assertEquals(Optional.of("model_list[2].litellm_params.litellm_credential_name names credential 'nobody', which credential_list"
                + " does not define"), byName.get("unknown").configProblem());
    }

    @Test
    void per_model_health_settings_and_call_timeouts_are_read_and_checked() {
        ProxyConfig config = new ConfigLoader(Map.of()).parse("""
                model_list:
                  - model_name: slow
                    litellm_params: {model: openai/o3, timeout: 120, stream_timeout: 30.5}
                    model_info: {health_check_timeout: 45, health_check_interval: 900, health_check_max_tokens: 64, health_check_mode: completion}
                  - model_name: plain
                    litellm_params: {model: openai/gpt-4o}
                """);
        Map<String, ModelEntry> byName = byName(config);

        ModelEntry slow = byName.get("slow");
        assertEquals(new ModelEntry.HealthCheck(Optional.of(Duration.ofSeconds(45)), Optional.of(Duration.ofSeconds(900)), 64),
                slow.healthCheck());
        assertEquals(Duration.ofSeconds(120), slow.callTimeout(false, Duration.ofSeconds(600)));
        assertEquals(Duration.ofMillis(30_500), slow.callTimeout(true, Duration.ofSeconds(600)));
        assertEquals(ModelEntry.HealthCheck.PROXY_WIDE, byName.get("plain").healthCheck());
        assertEquals(Duration.ofSeconds(600), byName.get("plain").callTimeout(true, Duration.ofSeconds(600)));

        ConfigException badTimeout = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of())
                .parse("model_list: [{model_name: a, litellm_params: {model: openai/a, timeout: soon}}]"));
        assertEquals("model_list[0].litellm_params.timeout: must be a number of seconds, got 'soon'", badTimeout.getMessage());
    }

    @Test
    void wildcards_keep_the_star_unless_a_health_check_model_is_set() {
        Map<String, ModelEntry> byName = byName(new ConfigLoader(Map.of()).parse("""
                model_list:
                  - {model_name: "openai/*", litellm_params: {model: "openai/*"}}
                  - {model_name: "*", litellm_params: {model: "*"}}
                  - {model_name: "ollama/*", litellm_params: {model: "ollama/*"}, model_info: {health_check_model: ollama/llama3}}
                """));

        assertEquals("*", byName.get("openai/*").upstreamModel());
        assertEquals("openai", byName.get("*").provider());
        assertEquals("*", byName.get("*").upstreamModel());
        assertEquals("llama3", byName.get("ollama/*").upstreamModel(), "its prefix goes, as from model");
    }

    @Test
    void custom_llm_provider_names_the_provider_of_an_unprefixed_model() {
        ModelEntry entry = new ConfigLoader(Map.of()).parse("""
                model_list:
                  - {model_name: m, litellm_params: {model: meta-llama/Llama-3-8B, custom_llm_provider: together_ai}}
                """).models().getFirst();
        assertEquals("together_ai", entry.provider());
        assertEquals("meta-llama/Llama-3-8B", entry.forwardedModel());
        assertEquals("https://api.together.xyz/v1", entry.apiBase());
    }

    @Test
    void health_check_details_defaults_to_true_and_can_be_turned_off() {
        assertTrue(new ConfigLoader(Map.of()).parse("").healthCheckDetails());
        assertFalse(new ConfigLoader(Map.of()).parse("general_settings: {health_check_details: false}").healthCheckDetails());
    }

    @Test
    void slack_alerting_without_a_webhook_url_loads_with_a_warning_as_litellm_starts() {
        ProxyConfig config = new ConfigLoader(Map.of()).parse("general_settings: {alerting: [slack]}");
        assertTrue(config.warnings().stream().anyMatch(w -> w.startsWith("general_settings.alerting: slack needs SLACK_WEBHOOK_URL")),
                config.warnings().toString());
        assertFalse(config.alerting().anyChannel());
    }

    @Test
    void a_redis_host_that_is_a_docs_placeholder_is_never_dialled_but_a_real_one_starting_with_your_is() {
        assertTrue(new ConfigLoader(Map.of()).parse("router_settings: {redis_host: <your redis host>}").redis().orElseThrow()
                .configProblem().isPresent());
        assertTrue(new ConfigLoader(Map.of()).parse("router_settings: {redis_host: your_redis_host}").redis().orElseThrow()
                .configProblem().isPresent());
        ProxyConfig.RedisTarget real = new ConfigLoader(Map.of()).parse("router_settings: {redis_host: yourapp-redis.example.com}")
                .redis().orElseThrow();
        assertFalse(real.configProblem().isPresent());
        assertEquals("yourapp-redis.example.com", real.host());
    }

    @Test
    void the_entry_never_shows_its_key() {
        ModelEntry entry = new ConfigLoader(Map.of("OPENAI_API_KEY", KEY_A)).parse("model_list: [{model_name: a, litellm_params: {model: gpt-4o}}]")
                .models().getFirst();
        assertFalse(entry.toString().contains(KEY_A), entry.toString());
    }

    private static Map<String, ModelEntry> byName(ProxyConfig config) {
        Map<String, ModelEntry> byName = new java.util.LinkedHashMap<>();
        config.models().forEach(m -> byName.put(m.modelName(), m));
        return byName;
    }
}
