package dev.llmhealth.app.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.llmhealth.adapters.probes.models.ProviderCatalog;
import dev.llmhealth.domain.model.ProbeMode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real, public LiteLLM {@code config.yaml} files (see {@code src/test/resources/real-configs/SOURCES.md}), each loaded by
 * the real {@link ConfigLoader}, against what LiteLLM itself makes of that file. One table per file: a reviewer reads
 * what each real config must give. The expectations are the spec (issue 15), not what the loader does today.
 *
 * <p>Column meanings of {@link D}:
 * <ul>
 *   <li>{@code name}: {@code model_name}, in file order (LiteLLM keeps one deployment per entry, in order; {@code include:}
 *       files' {@code model_list}s are appended in include order)</li>
 *   <li>{@code provider}: the prefix LiteLLM's {@code get_llm_provider} picks ({@code openai} for a bare OpenAI model)</li>
 *   <li>{@code family}: {@code ProviderCatalog.of(provider).family().name()}</li>
 *   <li>{@code mode}: the mode LiteLLM's health check uses: {@code model_info.mode}, else the mode its model cost map has for
 *       the model, else {@code chat}</li>
 *   <li>{@code credential}: where the key comes from ({@code ModelEntry.credentialSource()}): {@code litellm_params.api_key},
 *       {@code env:<VARIABLE>} (LiteLLM's provider fallback), {@code credential:<name>}, or {@code none}</li>
 *   <li>{@code problem}: {@code ""} no config problem; otherwise a word the deployment's {@code configProblem()} must name</li>
 * </ul>
 * {@link #ANY} in a column: not asserted, because what LiteLLM does there is not settled (each is listed in the report).
 */
class RealConfigCorpusTest {

    static final String ANY = "<any>";
    static final String OAI = "OPENAI_COMPATIBLE";
    static final String AZURE = "AZURE_OPENAI";
    static final String ANTHROPIC = "ANTHROPIC";
    static final String OLLAMA = "OLLAMA";
    static final String GENERIC = "GENERIC_HTTP";
    /** Issue 15 item 5: Gemini (Google AI Studio) and Cohere get a real probe family of their own. */
    static final String GEMINI = "GEMINI";
    static final String COHERE = "COHERE";
    static final String PARAMS_KEY = "litellm_params.api_key";
    static final String NONE = "none";

    /** One expected deployment. */
    record D(String name, String provider, String family, String mode, String credential, String problem) {
        D(String name, String provider, String family, String mode, String credential) {
            this(name, provider, family, mode, credential, "");
        }
    }

    /** One corpus file and what LiteLLM makes of it. */
    record Case(String file, List<D> deployments) {
        @Override
        public String toString() {
            return file;
        }
    }

    static D d(String name, String provider, String family, String mode, String credential) {
        return new D(name, provider, family, mode, credential);
    }

    static D d(String name, String provider, String family, String mode, String credential, String problem) {
        return new D(name, provider, family, mode, credential, problem);
    }

    static Case c(String file, D... deployments) {
        return new Case(file, List.of(deployments));
    }

    static Stream<Case> corpus() {
        return Stream.of(
                // same model_name three times: two OpenAI keys (differ only in api_key) and OpenRouter with its env key
                c("01-load-balancer.yaml",
                        d("gpt-3.5-turbo", "openai", OAI, "chat", PARAMS_KEY),
                        d("gpt-3.5-turbo", "openai", OAI, "chat", PARAMS_KEY),
                        d("gpt-3.5-turbo", "openrouter", OAI, "chat", "env:OPENROUTER_API_KEY"),
                        d("mistral-7b-instruct", "mistralai", GENERIC, "chat", NONE, ANY)),
                c("02-health-check-embedding.yaml",
                        d("text-embedding-ada-002", "azure", AZURE, "embedding", PARAMS_KEY)),
                c("03-azure-timeouts.yaml",
                        d("gpt-4-team1", "azure", AZURE, "chat", PARAMS_KEY),
                        d("gpt-4-team2", "azure", AZURE, "chat", PARAMS_KEY)),
                c("04-macos-multi-provider.yaml",
                        d("gpt-4", "openai", OAI, "chat", PARAMS_KEY),
                        d("claude-3-opus", "anthropic", ANTHROPIC, "chat", PARAMS_KEY),
                        d("gemini-pro", "gemini", GEMINI, "chat", PARAMS_KEY),
                        // LiteLLM's cost map lists ollama/llama2; which mode it gives is not pinned here
                        d("local-llama", "ollama", OLLAMA, ANY, NONE)),
                c("05-azure-load-balanced-tpm.yaml",
                        d("gpt-3.5-turbo", "azure", AZURE, "chat", PARAMS_KEY),
                        d("gpt-3.5-turbo", "azure", AZURE, "chat", PARAMS_KEY)),
                c("06-multi-instance-env-base.yaml",
                        d("fake-openai-endpoint", "openai", OAI, "chat", PARAMS_KEY)),
                c("07-wildcards-bedrock-batch.yaml",
                        d("gpt-5-mini-end-user-test", "openai", OAI, "chat", "env:OPENAI_API_KEY"),
                        d("*", "openai", OAI, "chat", PARAMS_KEY),
                        d("anthropic/*", "anthropic", ANTHROPIC, "chat", PARAMS_KEY),
                        d("groq/*", "groq", OAI, "chat", PARAMS_KEY),
                        d("bedrock/batch-us.anthropic.claude-haiku-4-5-20251001-v1:0", "bedrock", GENERIC, "batch", NONE)),
                c("08-ollama-aliases.yaml",
                        d("text-davinci-003", "ollama", OLLAMA, ANY, NONE),
                        d("gpt-4", "ollama", OLLAMA, ANY, NONE),
                        d("gpt-3.5-turbo", "ollama", OLLAMA, ANY, NONE)),
                c("10-docs-health-wildcard-health-check-model.yaml",
                        d("openai/*", "openai", OAI, "chat", PARAMS_KEY),
                        d("anthropic/*", "anthropic", ANTHROPIC, "chat", PARAMS_KEY)),
                c("11-docs-health-check-timeout.yaml",
                        d("openai/gpt-4o", "openai", OAI, "chat", PARAMS_KEY)),
                c("12-docs-health-rerank-cohere.yaml",
                        d("rerank-english-v3.0", "cohere", COHERE, "rerank", PARAMS_KEY)),
                c("13-docs-health-image-generation-azure.yaml",
                        d("dall-e-3", "azure", AZURE, "image_generation", PARAMS_KEY)),
                c("14-docs-health-audio-transcription.yaml",
                        d("whisper", "openai", OAI, "audio_transcription", PARAMS_KEY)),
                c("15-docs-health-realtime.yaml",
                        d("openai/gpt-4o-realtime-audio", "openai", OAI, "realtime", PARAMS_KEY)),
                c("16-docs-health-batch-azure.yaml",
                        d("batch-gpt-4o-mini", "azure", AZURE, "batch", PARAMS_KEY)),
                c("17-docs-health-text-completion-azure.yaml",
                        d("azure-text-completion", "azure", AZURE, "completion", PARAMS_KEY)),
                c("18-docs-configs-quick-start.yaml",
                        d("gpt-4o", "azure", AZURE, "chat", PARAMS_KEY),
                        d("bedrock-claude-v1", "bedrock", GENERIC, "chat", NONE),
                        d("gpt-4o", "azure", AZURE, "chat", PARAMS_KEY),
                        d("anthropic-claude", "bedrock", GENERIC, "chat", NONE),
                        d("vllm-models", "openai", OAI, "chat", PARAMS_KEY),
                        // model "*": every provider, credentials from each provider's variables per request
                        d("*", ANY, ANY, "chat", ANY)),
                c("19-docs-configs-model-specific-params.yaml",
                        // azure_ad_token given, no api_key: LiteLLM's Azure client still takes AZURE_API_KEY from the environment first
                        d("gpt-4-team1", "azure", AZURE, "chat", "env:AZURE_API_KEY"),
                        d("gpt-4-team2", "azure", AZURE, "chat", PARAMS_KEY),
                        d("openai-gpt-4o", "openai", OAI, "chat", PARAMS_KEY),
                        d("mistral-7b", "ollama", OLLAMA, "chat", NONE, "api_base")),
                c("20-docs-configs-bedrock-regions.yaml",
                        d("bedrock-cohere", "bedrock", GENERIC, "chat", NONE),
                        d("bedrock-cohere", "bedrock", GENERIC, "chat", NONE),
                        d("bedrock-cohere", "bedrock", GENERIC, "chat", NONE)),
                c("21-docs-configs-embeddings-sagemaker-bedrock-azure.yaml",
                        d("sagemaker-embeddings", "sagemaker", GENERIC, "chat", NONE),
                        // amazon.titan-embed-text-v1 is an embedding model in LiteLLM's cost map
                        d("amazon-embeddings", "bedrock", GENERIC, "embedding", NONE),
                        // azure/azure-embedding-model is not in the cost map and has no mode: LiteLLM checks it as chat
                        d("azure-embeddings", "azure", AZURE, "chat", PARAMS_KEY)),
                c("22-docs-configs-azure-embedding-placeholders.yaml",
                        d("azure-embedding-model", "azure", AZURE, "chat", PARAMS_KEY, "api_base")),
                // one model twice, differing only in api_key; text-embedding-ada-002 is an embedding model in the cost map
                c("23-docs-configs-openai-embeddings-two-keys.yaml",
                        d("text-embedding-ada-002", "openai", OAI, "embedding", PARAMS_KEY),
                        d("text-embedding-ada-002", "openai", OAI, "embedding", PARAMS_KEY)),
                c("24-docs-configs-load-balancing-router-settings.yaml",
                        // LiteLLM's Hugging Face provider falls back to HF_TOKEN, then HUGGINGFACE_API_KEY
                        d("zephyr-beta", "huggingface", GENERIC, "chat", "env:HUGGINGFACE_API_KEY"),
                        d("zephyr-beta", "huggingface", GENERIC, "chat", "env:HUGGINGFACE_API_KEY"),
                        d("zephyr-beta", "huggingface", GENERIC, "chat", "env:HUGGINGFACE_API_KEY"),
                        d("gpt-4o", "openai", OAI, "chat", PARAMS_KEY),
                        d("gpt-3.5-turbo-16k", "openai", OAI, "chat", PARAMS_KEY)),
                c("25-docs-configs-credential-list.yaml",
                        d("gpt-4o", "azure", AZURE, "chat", "credential:default_azure_credential")),
                c("26-docs-configs-deepseek-custom-tokenizer.yaml",
                        d("openai-deepseek", "deepseek", OAI, "chat", PARAMS_KEY)),
                c("27-bedrock-samples-aws-env.yaml",
                        d("claude-4-5-haiku", "bedrock", GENERIC, "chat", NONE),
                        d("nova-2-lite", "bedrock", GENERIC, "chat", NONE)),
                // ${VAR} is not LiteLLM syntax: LiteLLM sends the literal text as the key
                c("28-open-webui-hub-shell-style-vars.yaml",
                        d("llama3.2:3b", "ollama", OLLAMA, "chat", NONE),
                        d("qwen2.5-coder:1.5b", "ollama", OLLAMA, "chat", NONE),
                        d("llama3", "ollama", OLLAMA, "chat", NONE),
                        d("coder", "ollama", OLLAMA, "chat", NONE),
                        d("auto", "ollama", OLLAMA, "chat", NONE),
                        d("gpt-4o", "openai", OAI, "chat", PARAMS_KEY),
                        d("gpt-4o-mini", "openai", OAI, "chat", PARAMS_KEY),
                        d("gpt-3.5-turbo", "openai", OAI, "chat", PARAMS_KEY),
                        d("claude-3-5-sonnet", "anthropic", ANTHROPIC, "chat", PARAMS_KEY),
                        d("claude-3-haiku", "anthropic", ANTHROPIC, "chat", PARAMS_KEY),
                        d("gemini-1.5-pro", "gemini", GEMINI, "chat", PARAMS_KEY),
                        d("gemini-1.5-flash", "gemini", GEMINI, "chat", PARAMS_KEY)));
    }

    // ------------------------------------------------------------------------------------------------------------
    // the environment: made-up values for every variable the corpus references (never real, never printed)

    /** Variables whose values are secrets: none of them may ever show in an entry's text or an error message. */
    static final Map<String, String> SECRET_ENV = secretEnv();
    static final Map<String, String> PLAIN_ENV = Map.of(
            "AZURE_API_BASE", "https://corpus-azure.example.test/",
            "FAKE_OPENAI_API_BASE", "http://127.0.0.1:4011/v1",
            "AWS_REGION_NAME", "us-east-1");

    private static Map<String, String> secretEnv() {
        Map<String, String> env = new TreeMap<>();
        for (String name : List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GROQ_API_KEY", "COHERE_API_KEY",
                "OPENROUTER_API_KEY", "SAMBANOVA_API_KEY", "HUGGINGFACE_API_KEY", "AZURE_API_KEY", "AZURE_API_KEY_EU",
                "AZURE_API_KEY_CA", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "LANGFUSE_PROJECT1_PUBLIC",
                "LANGFUSE_PROJECT1_SECRET", "LANGFUSE_PROJECT2_PUBLIC", "LANGFUSE_PROJECT2_SECRET")) {
            env.put(name, "mk-" + name.toLowerCase().replace('_', '-') + "-c0ffee17");
        }
        return Map.copyOf(env);
    }

    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(SECRET_ENV);
        env.putAll(PLAIN_ENV);
        return env;
    }

    static Path corpusDir() {
        try {
            return Path.of(RealConfigCorpusTest.class.getResource("/real-configs").toURI());
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static ProxyConfig load(String file, Map<String, String> env) {
        try {
            return new ConfigLoader(env).load(corpusDir().resolve(file));
        } catch (ConfigException refused) {
            assertNoSecret("ConfigException for " + file, refused.getMessage(), Set.of());
            fail(file + " is a real LiteLLM config LiteLLM starts with, but it was refused: " + refused.getMessage());
            throw refused;
        }
    }

    static String credentialSource(ModelEntry entry) {
        return entry.credentialSource();
    }

    static Optional<String> configProblem(ModelEntry entry) {
        return entry.configProblem();
    }

    // ------------------------------------------------------------------------------------------------------------
    // the table

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachRealConfigGivesWhatLiteLlmGives(Case expected) {
        ProxyConfig config = load(expected.file(), environment());
        List<ModelEntry> models = config.models();
        assertEquals(expected.deployments().size(), models.size(), expected.file() + ": number of deployments");
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            ModelEntry entry = models.get(i);
            D want = expected.deployments().get(i);
            String where = expected.file() + " #" + i + " (" + want.name() + ")";
            checks.add(() -> assertEquals(want.name(), entry.modelName(), where + ": model_name"));
            if (!ANY.equals(want.provider())) {
                checks.add(() -> assertEquals(want.provider(), entry.provider(), where + ": provider"));
            }
            if (!ANY.equals(want.family())) {
                checks.add(() -> assertEquals(want.family(), ProviderCatalog.of(entry.provider()).family().name(),
                        where + ": probe family"));
            }
            if (!ANY.equals(want.mode())) {
                checks.add(() -> assertEquals(want.mode(), entry.mode(), where + ": mode"));
            }
            if (!ANY.equals(want.credential())) {
                checks.add(() -> assertEquals(want.credential(), credentialSource(entry), where + ": credential source"));
            }
            if (want.problem().isEmpty()) {
                checks.add(() -> assertEquals(Optional.empty(), configProblem(entry), where + ": config problem"));
            } else if (!ANY.equals(want.problem())) {
                checks.add(() -> {
                    Optional<String> problem = configProblem(entry);
                    assertTrue(problem.isPresent() && problem.get().contains(want.problem()),
                            where + ": config problem naming " + want.problem() + ", got " + problem);
                });
            }
            // Bedrock, Vertex AI, SageMaker need cloud signing: never probed here, reported as assumed
            if (ProviderCatalog.known(entry.provider()) && ProviderCatalog.of(entry.provider()).needsCloudSigning()) {
                checks.add(() -> assertEquals(ProbeMode.NONE, entry.probeMode(), where + ": cloud-signed, so assumed"));
            }
        }
        checks.add(() -> assertIdsUnique(expected.file(), models));
        checks.add(() -> assertNothingPrintsASecret(expected.file(), models));
        assertAll(expected.file(), checks);
    }

    @Test
    void theIncludeTreeMergesEveryIncludedModelList() {
        // 09-include-lusofona/config.yaml has no model_list of its own: 5 model files (14+18+... = 90 entries) and 3 settings files
        ProxyConfig config = load("09-include-lusofona/config.yaml", environment());
        List<ModelEntry> models = config.models();
        assertEquals(90, models.size(), "deployments from models/on-premise, groq, sambanova, openai, gemini (.yaml)");
        Map<String, Long> byFamily = count(models, m -> ProviderCatalog.of(m.provider()).family().name());
        Map<String, Long> byMode = count(models, ModelEntry::mode);
        Map<String, Long> byProvider = count(models, ModelEntry::provider);
        assertAll(
                () -> assertEquals(Map.of("openai", 43L, "groq", 18L, "sambanova", 12L, "ollama", 8L, "gemini", 9L), byProvider,
                        "providers"),
                () -> assertEquals(Map.of(OAI, 73L, OLLAMA, 8L, GEMINI, 9L), byFamily, "probe families"),
                // text_to_speech is not a LiteLLM mode, but LiteLLM keeps model_info.mode as written
                () -> assertEquals(Map.of("chat", 64L, "embedding", 10L, "rerank", 2L, "image_generation", 5L, "audio_speech", 2L,
                        "audio_transcription", 4L, "text_to_speech", 3L), byMode, "modes"),
                () -> assertEquals("embeddings-bge-m3-Lusofona-On-Premise", models.get(0).modelName(),
                        "include order: models/on-premise.yaml first"),
                () -> assertEquals("gemini-2.0-flash-preview-image-generation", models.get(89).modelName(),
                        "include order: models/gemini.yaml last"),
                () -> assertEquals("http://192.168.80.6:11434", models.get(0).apiBase()),
                () -> assertEquals(Map.of(PARAMS_KEY, 90L), count(models, RealConfigCorpusTest::credentialSource),
                        "every entry names its api_key"),
                () -> assertIdsUnique("09-include-lusofona", models),
                () -> assertNothingPrintsASecret("09-include-lusofona", models),
                // settings/litellm.yaml: request_timeout 30; settings/router.yaml: redis_host redis, port 6379
                () -> assertEquals(Duration.ofSeconds(30), config.requestTimeout(), "litellm_settings from settings/litellm.yaml"),
                () -> assertEquals("redis", config.redis().map(ProxyConfig.RedisTarget::host).orElse("<none>"),
                        "router_settings from settings/router.yaml"));
    }

    @Test
    void loadBalancedDeploymentsDifferingOnlyInSecretsOrRegionGetDistinctStableIds() {
        for (String file : List.of("01-load-balancer.yaml", "05-azure-load-balanced-tpm.yaml", "20-docs-configs-bedrock-regions.yaml",
                "23-docs-configs-openai-embeddings-two-keys.yaml", "24-docs-configs-load-balancing-router-settings.yaml")) {
            List<String> first = load(file, environment()).models().stream().map(ModelEntry::id).toList();
            List<String> again = load(file, environment()).models().stream().map(ModelEntry::id).toList();
            assertEquals(first, again, file + ": ids are stable across loads");
            assertEquals(first.size(), new HashSet<>(first).size(), file + ": ids unique " + first);
        }
    }

    @Test
    void anExplicitModelInfoIdIsKept() {
        assertEquals("1", load("07-wildcards-bedrock-batch.yaml", environment()).models().get(0).id());
    }

    @Test
    void wildcardDeploymentsAreNeverProbedWithACompletionForModelStar() {
        List<ModelEntry> models = load("07-wildcards-bedrock-batch.yaml", environment()).models();
        for (ModelEntry wildcard : models.subList(1, 4)) {
            assertNotEquals(ProbeMode.COMPLETION, wildcard.probeMode(), wildcard.modelName());
            assertNotEquals(ProbeMode.NONE, wildcard.probeMode(), wildcard.modelName() + ": a listing call checks reachability and auth");
        }
    }

    @Test
    void healthCheckModelReplacesTheWildcardAsLiteLlmDoes() {
        // LiteLLM swaps litellm_params.model for model_info.health_check_model, then strips the provider prefix
        List<ModelEntry> models = load("10-docs-health-wildcard-health-check-model.yaml", environment()).models();
        assertAll(
                () -> assertEquals("gpt-4o-mini", models.get(0).upstreamModel()),
                () -> assertEquals("claude-3-5-sonnet-20240620", models.get(1).upstreamModel()));
    }

    @Test
    void perModelHealthCheckTimeoutIsRead() {
        ModelEntry entry = load("11-docs-health-check-timeout.yaml", environment()).models().get(0);
        assertEquals(Duration.ofSeconds(10), entry.healthCheck().timeout().orElseThrow(), "model_info.health_check_timeout: 10");
    }

    @Test
    void providerDefaultsAndEnvironmentFallbacksFillTheBase() {
        ModelEntry openRouter = load("01-load-balancer.yaml", environment()).models().get(2);
        ModelEntry ollama = load("08-ollama-aliases.yaml", environment()).models().get(0);
        ModelEntry envBase = load("06-multi-instance-env-base.yaml", environment()).models().get(0);
        assertAll(
                () -> assertEquals("https://openrouter.ai/api/v1", openRouter.apiBase()),
                () -> assertNotEquals(ProbeMode.NONE, openRouter.probeMode(), "OpenRouter is probed"),
                () -> assertEquals("http://localhost:11434", ollama.apiBase()),
                () -> assertEquals("http://127.0.0.1:4011/v1", envBase.apiBase()));
    }

    @Test
    void credentialListGivesTheAzureDeploymentItsBaseKeyAndVersion() {
        ModelEntry entry = load("25-docs-configs-credential-list.yaml", environment()).models().get(0);
        assertAll(
                () -> assertEquals("https://corpus-azure.example.test/", entry.apiBase()),
                () -> assertEquals(Optional.of("2023-05-15"), entry.apiVersion()),
                () -> assertEquals(Optional.of(SECRET_ENV.get("AZURE_API_KEY")), entry.apiKey()),
                () -> assertNotEquals(ProbeMode.NONE, entry.probeMode(), "probed, not assumed"),
                () -> assertNothingPrintsASecret("25", List.of(entry)));
    }

    @Test
    void aMissingVariableMakesThatDeploymentUnhealthyNotTheWholeConfigRefused() {
        Map<String, String> env = environment();
        env.remove("AZURE_API_BASE");
        env.remove("FAKE_OPENAI_API_BASE");
        for (String file : List.of("25-docs-configs-credential-list.yaml", "06-multi-instance-env-base.yaml",
                "02-health-check-embedding.yaml")) {
            String variable = file.startsWith("06") ? "FAKE_OPENAI_API_BASE" : "AZURE_API_BASE";
            ProxyConfig config;
            try {
                config = new ConfigLoader(env).load(corpusDir().resolve(file));
            } catch (ConfigException refused) {
                assertNoSecret(file, refused.getMessage(), Set.of());
                fail(file + " without " + variable + ": refused instead of loading with a config problem: " + refused.getMessage());
                return;
            }
            ModelEntry entry = config.models().get(0);
            Optional<String> problem = configProblem(entry);
            assertTrue(problem.isPresent() && problem.get().contains(variable),
                    file + ": the problem names the unset variable " + variable + ", got " + problem);
            assertNoSecret(file + " configProblem", problem.get(), Set.of());
            assertNothingPrintsASecret(file, config.models());
        }
    }

    @Test
    void docsPlaceholdersInServiceSettingsLoad() {
        // router_settings.redis_host: <your redis host>: LiteLLM starts; the service is reported, never "connected"
        ProxyConfig config = load("24-docs-configs-load-balancing-router-settings.yaml", environment());
        assertEquals(5, config.models().size());
    }

    @Test
    void theCorpusIsRealAndEveryFileHasItsSource() throws IOException {
        Path dir = corpusDir();
        String sources = Files.readString(dir.resolve("SOURCES.md"));
        List<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d\\d-.*")).sorted().toList();
        }
        assertTrue(files.size() >= 24, "at least 24 real configs, found " + files.size());
        for (String file : files) {
            assertTrue(sources.contains(file), "SOURCES.md names " + file);
        }
        Set<String> tabled = corpus().map(Case::file).collect(Collectors.toSet());
        for (String file : files) {
            assertTrue(tabled.contains(file) || file.startsWith("09-include-lusofona"), file + " has an expectation table");
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    static Map<String, Long> count(List<ModelEntry> models, Function<ModelEntry, String> key) {
        return models.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    static void assertIdsUnique(String file, List<ModelEntry> models) {
        List<String> ids = models.stream().map(ModelEntry::id).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), file + ": deployment ids unique " + ids);
    }

    /** Neither an entry's text nor its problem may carry a made-up environment secret or a key written in the file. */
    static void assertNothingPrintsASecret(String file, List<ModelEntry> models) {
        Set<String> literals = new HashSet<>();
        models.forEach(m -> m.apiKey().filter(k -> k.length() >= 6 && !k.equalsIgnoreCase("none")).ifPresent(literals::add));
        for (ModelEntry entry : models) {
            assertNoSecret(file + " ModelEntry.toString() of " + entry.modelName(), entry.toString(), literals);
        }
    }

    static void assertNoSecret(String where, String text, Set<String> literals) {
        if (text == null) {
            return;
        }
        for (Map.Entry<String, String> secret : SECRET_ENV.entrySet()) {
            // name the variable, never the value
            assertFalse(text.contains(secret.getValue()), where + " contains the value of " + secret.getKey());
        }
        for (String literal : literals) {
            assertFalse(text.contains(literal), where + " contains an api_key written in the config (" + literal.length() + " chars)");
        }
    }
}
