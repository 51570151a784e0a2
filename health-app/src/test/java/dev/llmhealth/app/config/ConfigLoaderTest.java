package dev.llmhealth.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ServiceName;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    private static final String LITELLM_CONFIG = """
            model_list:
              - model_name: gpt-4
                litellm_params:
                  model: openai/gpt-4o
                  api_key: os.environ/OPENAI_API_KEY
              - model_name: local
                litellm_params:
                  model: hosted_vllm/llama-3
                  api_base: http://user:pw-in-url@10.0.0.5:8000/v1
                model_info:
                  id: vllm-1
                  mode: chat
                  health_check_mode: completion
              - model_name: bedrock-claude
                litellm_params:
                  model: bedrock/anthropic.claude-v2
            general_settings:
              master_key: sk-master-1234
              database_url: postgresql://llm:db-secret@127.0.0.1:5432/litellm
              health_check_interval: 60
              health_check_timeout: 2.5
              required_services: [database, redis]
            router_settings:
              redis_host: 127.0.0.1
              redis_port: 6380
              redis_password: redis-secret
            """;

    @Test
    void readsAnExistingLiteLlmConfigUnchanged() {
        ProxyConfig config = new ConfigLoader(Map.of("OPENAI_API_KEY", "sk-from-env")).parse(LITELLM_CONFIG);

        assertEquals(3, config.models().size());
        ModelEntry gpt4 = config.models().get(0);
        assertEquals("gpt-4", gpt4.modelName());
        assertEquals("openai", gpt4.provider());
        assertEquals("gpt-4o", gpt4.upstreamModel());
        assertEquals("https://api.openai.com/v1", gpt4.apiBase());
        assertEquals("sk-from-env", gpt4.apiKey().orElseThrow());
        assertEquals(ProbeMode.MODELS, gpt4.probeMode());

        ModelEntry local = config.models().get(1);
        assertEquals("vllm-1", local.id());
        assertEquals("http://10.0.0.5:8000/v1", local.apiBase(), "credentials never reach api_base");
        assertEquals(ProbeMode.COMPLETION, local.probeMode());
        assertEquals(ProbeMode.NONE, config.models().get(2).probeMode(), "no probe for a provider we cannot reach yet");

        assertEquals(Duration.ofSeconds(60), config.health().interval());
        assertEquals(Duration.ofMillis(2500), config.health().timeout());
        assertEquals(Set.of(ServiceName.DATABASE, ServiceName.REDIS), config.health().requiredServices());
        assertEquals("sk-master-1234", config.masterKey().orElseThrow());
        assertEquals(6380, config.redis().orElseThrow().port());
        assertTrue(config.secrets().containsAll(Set.of("sk-from-env", "sk-master-1234", "db-secret", "redis-secret")));
    }

    @Test
    void theEnvironmentOverridesTheFile() {
        ProxyConfig config = new ConfigLoader(Map.of("OPENAI_API_KEY", "k", "DATABASE_URL", "postgresql://other@db:5432/x",
                "REDIS_URL", "redis://:pw@cache:6390", "LITELLM_MASTER_KEY", "sk-env-master", "PORT", "4100")).parse(LITELLM_CONFIG);
        assertEquals("postgresql://other@db:5432/x", config.databaseUrl().orElseThrow());
        assertEquals("cache", config.redis().orElseThrow().host());
        assertEquals(6390, config.redis().orElseThrow().port());
        assertEquals("sk-env-master", config.masterKey().orElseThrow());
        assertEquals(4100, config.port());
    }

    @Test
    void anEmptyConfigIsValidAndConfiguresNothing() {
        ProxyConfig config = new ConfigLoader(Map.of()).parse("");
        assertTrue(config.models().isEmpty());
        assertTrue(config.databaseUrl().isEmpty());
        assertTrue(config.redis().isEmpty());
        assertEquals(4000, config.port());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing model_name       | model_list: [{litellm_params: {model: openai/x}}]                  | model_list[0].model_name: is required",
            "missing model            | model_list: [{model_name: a, litellm_params: {}}]                  | model_list[0].litellm_params.model: is required",
            "model_list not a list    | 'model_list: {a: 1}'                                               | model_list: must be a list",
            "bad interval             | 'general_settings: {health_check_interval: soon}'                  | general_settings.health_check_interval: must be a number of seconds, got 'soon'",
            "zero timeout             | 'general_settings: {health_check_timeout: 0}'                      | general_settings.health_check_timeout: must be more than 0 seconds (at most a week), got 0",
            "bad boolean              | 'general_settings: {background_health_checks: maybe}'              | general_settings.background_health_checks: must be true or false, got 'maybe'",
            "bad probe mode           | model_list: [{model_name: a, litellm_params: {model: openai/a}, model_info: {health_check_mode: ping}}] | model_list[0].model_info.health_check_mode: must be one of models, completion, none",
            "unknown required service | 'general_settings: {required_services: [kafka]}'                   | general_settings.required_services: unknown service 'kafka'; known: database, redis",
            "not a mapping            | '- just a list'                                                    | config.yaml: must be a mapping with keys such as model_list and general_settings",
            "drain beyond grace       | 'general_settings: {shutdown_drain_delay: 30}'                    | general_settings.shutdown_drain_delay: must not be longer than shutdown_grace_period (25.0 s), got 30.0 s",
            "negative grace period    | 'general_settings: {shutdown_grace_period: -1}'                   | general_settings.shutdown_grace_period: must be 0 or more seconds (at most a week), got -1",
            "database not postgres    | 'general_settings: {database_url: \"mysql://u:p@h/db\"}'          | general_settings.database_url: must be a postgresql:// URL"})
    void aBadConfigNamesTheKeyAndTheProblem(String name, String yaml, String expected) {
        ConfigException error = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).parse(yaml));
        assertEquals(expected, error.getMessage());
    }

    @Test
    void malformedYamlGivesThePositionButNeverTheText() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of()).parse("general_settings:\n  master_key: \"sk-leaky-secret\n  x: [unclosed"));
        assertTrue(error.getMessage().startsWith("config.yaml: is not valid YAML at line"), error.getMessage());
        assertFalse(error.getMessage().contains("sk-leaky-secret"), error.getMessage());
    }

    @Test
    void duplicateDeploymentIdsAreRefused() {
        String yaml = """
                model_list:
                  - {model_name: a, litellm_params: {model: openai/a}, model_info: {id: same}}
                  - {model_name: b, litellm_params: {model: openai/b}, model_info: {id: same}}
                """;
        ConfigException error = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).parse(yaml));
        assertEquals("model_list[1].model_info.id: duplicate deployment id 'same'", error.getMessage());
    }

    /** Jackson's tree read an alias as its name: litellm_params: *base became the text "base". Resolved as PyYAML does now. */
    @Test
    void anchorsAliasesAndMergeKeysOfMappingsAreResolvedAsLiteLlmsYamlDoes() {
        String yaml = """
                x-defaults: &defaults
                  api_base: http://10.0.0.7:8000/v1
                  api_key: sk-anchored
                model_list:
                  - model_name: merged
                    litellm_params:
                      <<: *defaults
                      model: hosted_vllm/llama-3
                      api_base: http://10.0.0.8:8000/v1
                  - model_name: aliased
                    litellm_params: *defaults
                """;
        ConfigException noModel = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).parse(yaml));
        assertEquals("model_list[1].litellm_params.model: is required", noModel.getMessage(), "the alias is the mapping");
        ProxyConfig config = new ConfigLoader(Map.of()).parse(yaml.replace("litellm_params: *defaults",
                "litellm_params: {<<: *defaults, model: openai/gpt-4o}"));
        ModelEntry merged = config.models().get(0);
        assertEquals("http://10.0.0.8:8000/v1", merged.apiBase(), "the mapping's own key wins over the merged one");
        assertEquals("sk-anchored", merged.apiKey().orElseThrow());
        assertEquals("http://10.0.0.7:8000/v1", config.models().get(1).apiBase());
        assertTrue(config.secrets().contains("sk-anchored"));
    }

    /** Jackson's parser drops a single value's anchor: refused, where it used to become the alias's name. */
    @Test
    void anAliasOfASingleValueIsRefusedNotMisread() {
        ConfigException error = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).parse("""
                x-key: &key sk-anchored
                model_list:
                  - {model_name: a, litellm_params: {model: openai/a, api_key: *key}}
                """));
        assertTrue(error.getMessage().startsWith("config.yaml: line 3: an alias refers to no anchored mapping or list"), error.getMessage());
    }

    @Test
    void shutdownDrainsFiveSecondsWithinTwentyFiveByDefault() {
        assertEquals(ProxyConfig.Shutdown.DEFAULT, new ConfigLoader(Map.of()).parse("").shutdown());
        assertEquals(Duration.ofSeconds(5), ProxyConfig.Shutdown.DEFAULT.drainDelay());
        assertEquals(Duration.ofSeconds(25), ProxyConfig.Shutdown.DEFAULT.gracePeriod());
        ProxyConfig.Shutdown set = new ConfigLoader(Map.of())
                .parse("general_settings: {shutdown_drain_delay: 0, shutdown_grace_period: 2.5}").shutdown();
        assertEquals(new ProxyConfig.Shutdown(Duration.ZERO, Duration.ofMillis(2500)), set);
        assertEquals(Duration.ofSeconds(1), new ConfigLoader(Map.of()).parse("general_settings: {shutdown_grace_period: 1}")
                .shutdown().drainDelay(), "a grace period under the default drain delay shortens the drain");
    }
}
