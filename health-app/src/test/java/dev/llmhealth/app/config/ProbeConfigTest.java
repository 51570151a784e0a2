package dev.llmhealth.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.ProbeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the config says about probing: provider families and their settings, proxies, CA bundles, ssl_verify. */
class ProbeConfigTest {

    /** A self-signed CA certificate (only parsed here, never used for a connection). */
    private static final String CA_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBSzCB8qADAgECAgkA2C01T1uFhAAwCgYIKoZIzj0EAwMwGTEXMBUGA1UEAxMO
            Y29uZmlnIHRlc3QgQ0EwIBcNMjYxMTI1MjExNDU4WhgPMjEyNjExMDEyMTE0NTha
            MBkxFzAVBgNVBAMTDmNvbmZpZyB0ZXN0IENBMFkwEwYHKoZIzj0CAQYIKoZIzj0D
            AQcDQgAEaJkTNQg/qY1z/J/ue4HRL1Db9k9rx7B+NPDdaCEj5+4hVCXzDP+PRm91
            Afi/YbLEjuYlrHSdF8WCco3pD3eukqMhMB8wHQYDVR0OBBYEFK6eNxxxJay/TZ30
            LOfYq5eY6jmWMAoGCCqGSM49BAMDA0gAMEUCIGGDn5Diz5kdccyY5UFiaBcCYvH4
            opvpVKnFl4F637dpAiEA2SBMBeMGwW+8l12WnBnY7BJ4CU9FpYdya1CfwDZV6KU=
            -----END CERTIFICATE-----
            """;

    private static final String FAMILIES = """
            model_list:
              - model_name: claude
                litellm_params:
                  model: anthropic/claude-3-5-haiku
                  api_key: sk-ant-1
              - model_name: azure-gpt
                litellm_params:
                  model: azure/my-gpt4o
                  api_base: https://my-resource.openai.azure.com
                  api_version: "2024-06-01"
                  api_key: azure-key-1
                  ssl_verify: false
              - model_name: azure-no-base
                litellm_params:
                  model: azure/other
              - model_name: llama
                litellm_params:
                  model: ollama_chat/llama3
              - model_name: bedrock-gateway
                litellm_params:
                  model: bedrock/anthropic.claude-v2
                  api_base: https://bedrock-gateway.internal
              - model_name: bedrock-a
                litellm_params:
                  model: bedrock/anthropic.claude-v2
              - model_name: bedrock-b
                litellm_params:
                  model: bedrock/amazon.titan
              - model_name: vertex
                litellm_params:
                  model: vertex_ai/gemini-pro
            """;

    @Test
    void every_provider_with_a_base_url_is_probed_and_the_rest_is_not() {
        Map<String, ModelEntry> models = byName(new ConfigLoader(Map.of()).parse(FAMILIES).models());

        assertEquals(ProbeMode.MODELS, models.get("claude").probeMode());
        assertEquals("https://api.anthropic.com", models.get("claude").apiBase(), "LiteLLM's default (AnthropicModelInfo.get_api_base); the probe adds /v1/...");
        assertEquals(ProbeMode.MODELS, models.get("azure-gpt").probeMode());
        assertEquals(Optional.of("2024-06-01"), models.get("azure-gpt").apiVersion());
        assertEquals(Optional.of(false), models.get("azure-gpt").sslVerify());
        assertEquals(Optional.empty(), models.get("claude").sslVerify());
        assertEquals(ProbeMode.NONE, models.get("azure-no-base").probeMode(), "Azure has no default base URL");
        assertEquals(ProbeMode.MODELS, models.get("llama").probeMode());
        assertEquals("http://localhost:11434", models.get("llama").apiBase());
        assertEquals(ProbeMode.NONE, models.get("bedrock-gateway").probeMode(), "a GET cannot prove a deployment whose calls need AWS signing");
        assertEquals(ProbeMode.NONE, models.get("bedrock-a").probeMode());
        assertEquals(ProbeMode.NONE, models.get("vertex").probeMode());
    }

    @Test
    void unprobed_providers_are_logged_once_each() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(ModelListReader.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(new java.util.logging.SimpleFormatter().formatMessage(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            new ConfigLoader(Map.of()).parse(FAMILIES);
        } finally {
            logger.removeHandler(handler);
        }

        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'bedrock' (3 deployment(s)): its calls need the cloud's request signing")),
                warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'azure' (1 deployment(s))")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'vertex_ai' (1 deployment(s))")), warnings.toString());
    }

    @Test
    void a_deployments_ssl_verify_is_a_flag_only() {
        var invalid = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).parse("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: openai/gpt-4o
                      ssl_verify: /etc/ssl/private-ca.pem
                """));

        assertTrue(invalid.getMessage().startsWith("model_list[0].litellm_params.ssl_verify: must be true or false"), invalid.getMessage());
    }

    @Test
    void certificates_are_verified_with_the_jdks_cas_by_default() {
        ProxyConfig.Outbound outbound = new ConfigLoader(Map.of()).parse("").outbound();

        assertEquals(ProxyConfig.Outbound.DEFAULT, outbound);
    }

    @Test
    void ssl_verify_false_in_litellm_settings_or_general_settings_turns_checks_off() {
        assertFalse(new ConfigLoader(Map.of()).parse("litellm_settings:\n  ssl_verify: false\n").outbound().sslVerify());
        assertFalse(new ConfigLoader(Map.of()).parse("general_settings:\n  ssl_verify: false\n").outbound().sslVerify());
    }

    @Test
    void the_environment_wins_over_the_file() {
        ProxyConfig config = new ConfigLoader(Map.of("SSL_VERIFY", "True")).parse("litellm_settings:\n  ssl_verify: false\n");

        assertTrue(config.outbound().sslVerify());
        assertFalse(new ConfigLoader(Map.of("SSL_VERIFY", "False")).parse("").outbound().sslVerify());
    }

    @Test
    void a_ca_bundle_comes_from_ssl_verify_or_ssl_cert_file(@TempDir Path directory) throws Exception {
        Path bundle = Files.writeString(directory.resolve("ca.pem"), CA_PEM);
        Path other = Files.writeString(directory.resolve("other.pem"), CA_PEM);

        assertEquals(Optional.of(bundle), new ConfigLoader(Map.of("SSL_CERT_FILE", bundle.toString())).parse("").outbound().caBundle());
        assertEquals(Optional.of(other), new ConfigLoader(Map.of("SSL_CERT_FILE", bundle.toString()))
                .parse("litellm_settings:\n  ssl_verify: " + other + "\n").outbound().caBundle(), "ssl_verify's path is the more specific");
        assertEquals(Optional.empty(), new ConfigLoader(Map.of("SSL_CERT_FILE", bundle.toString()))
                .parse("litellm_settings:\n  ssl_verify: false\n").outbound().caBundle(), "nothing is verified: no bundle needed");
    }

    @Test
    void an_unusable_ca_bundle_fails_at_start_naming_the_key(@TempDir Path directory) throws Exception {
        Path notPem = Files.writeString(directory.resolve("key.txt"), "sk-secret-not-a-cert");

        var missing = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of("SSL_CERT_FILE", directory.resolve("missing.pem").toString())).parse(""));
        var garbage = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of()).parse("litellm_settings:\n  ssl_verify: " + notPem + "\n"));

        assertEquals("SSL_CERT_FILE: the CA bundle file does not exist", missing.getMessage());
        assertTrue(garbage.getMessage().startsWith("litellm_settings.ssl_verify: the CA bundle holds no PEM certificate"), garbage.getMessage());
        assertFalse(garbage.getMessage().contains("sk-secret"));
    }

    @Test
    void proxy_variables_are_kept_and_their_passwords_become_secrets() {
        ProxyConfig config = new ConfigLoader(Map.of("HTTPS_PROXY", "http://probe:proxy-secret@proxy.corp:3128",
                "no_proxy", "localhost,.internal", "PATH", "/usr/bin")).parse("");

        assertEquals(Map.of("HTTPS_PROXY", "http://probe:proxy-secret@proxy.corp:3128", "no_proxy", "localhost,.internal"),
                config.outbound().proxyEnvironment());
        assertTrue(config.secrets().contains("proxy-secret"));
    }

    @Test
    void proxies_set_in_environment_variables_count_too() {
        ProxyConfig config = new ConfigLoader(Map.of()).parse("environment_variables:\n  HTTP_PROXY: http://proxy.corp:8080\n");

        assertEquals(Map.of("HTTP_PROXY", "http://proxy.corp:8080"), config.outbound().proxyEnvironment());
    }

    @Test
    void an_unusable_proxy_fails_at_start_without_its_password() {
        var invalid = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of("HTTPS_PROXY", "socks5://probe:proxy-secret@proxy.corp:1080")).parse(""));

        assertTrue(invalid.getMessage().startsWith("proxy settings: HTTPS_PROXY must be an http:// proxy"), invalid.getMessage());
        assertFalse(invalid.getMessage().contains("proxy-secret"));
    }

    @Test
    void a_redis_url_keeps_its_database_number() {
        assertEquals(3, new ConfigLoader(Map.of("REDIS_URL", "redis://:pw@cache:6390/3")).parse("").redis().orElseThrow().database());
        assertEquals(0, new ConfigLoader(Map.of("REDIS_URL", "redis://cache:6390")).parse("").redis().orElseThrow().database());
        var invalid = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of("REDIS_URL", "redis://cache/x")).parse(""));
        assertTrue(invalid.getMessage().contains("database number"), invalid.getMessage());
    }

    private static Map<String, ModelEntry> byName(List<ModelEntry> models) {
        return models.stream().collect(java.util.stream.Collectors.toMap(ModelEntry::modelName, m -> m));
    }
}
