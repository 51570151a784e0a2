package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.app.config.ConfigException;
import dev.llmhealth.app.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad configs through the real command line ({@code Main.run --check-config}): each exits 2, fast,
 * with one line naming the key (as a path) and the problem, and never echoes a secret. Every config
 * carries canary secrets (a model key, the master key, the database and Redis passwords) next to
 * its fault; neither the output, the error stream nor a log record may contain any of them.
 */
class ConfigFuzzTest {

    private static final String MODEL_KEY = "sk-canary-model-7f3a";
    private static final String MASTER_KEY = "sk-canary-master-7f3a";
    private static final String DB_PASSWORD = "db-canary-pw-7f3a";
    private static final String REDIS_PASSWORD = "redis-canary-pw-7f3a";
    private static final List<String> CANARIES = List.of(MODEL_KEY, MASTER_KEY, DB_PASSWORD, REDIS_PASSWORD, "canary");
    private static final Duration FAST = Duration.ofSeconds(20);

    /** A valid deployment, valid general settings and Redis, all holding canaries; a case adds its fault. */
    private static final String MODEL = "  - model_name: gpt-4\n    litellm_params: {model: openai/gpt-4o, api_key: " + MODEL_KEY + "}\n";
    private static final String GENERAL = "  master_key: " + MASTER_KEY + "\n  database_url: postgresql://llm:" + DB_PASSWORD
            + "@127.0.0.1:5432/litellm\n";
    private static final String ROUTER = "  redis_host: 127.0.0.1\n  redis_password: " + REDIS_PASSWORD + "\n";

    private record Result(int exitCode, String out, String err) {
    }

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord logRecord) {
            logged.add(String.valueOf(logRecord.getMessage()) + " " + java.util.Arrays.toString(logRecord.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TempDir
    Path dir;

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(logCapture);
    }

    @AfterEach
    void noSecretLogged() {
        Logger.getLogger("").removeHandler(logCapture);
        for (String line : logged) {
            CANARIES.forEach(canary -> assertFalse(line.contains(canary), "a secret in a log record: " + line));
        }
    }

    static String config(String models, String general, String router) {
        return "model_list:\n" + MODEL + models + "general_settings:\n" + GENERAL + general + "router_settings:\n" + ROUTER + router;
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("missing model_name", config("  - litellm_params: {model: openai/x}\n", "", ""),
                        "model_list[1].model_name: is required"),
                Arguments.of("missing litellm_params.model", config("  - {model_name: a, litellm_params: {api_key: " + MODEL_KEY + "}}\n", "", ""),
                        "model_list[1].litellm_params.model: is required"),
                Arguments.of("interval as a list", config("", "  health_check_interval: [60, 120]\n", ""),
                        "general_settings.health_check_interval: must be a single value, not a list"),
                Arguments.of("interval as text", config("", "  health_check_interval: hourly\n", ""),
                        "general_settings.health_check_interval: must be a number of seconds, got 'hourly'"),
                Arguments.of("redis port as text", config("", "", "  redis_port: sixthousand\n"),
                        "router_settings.redis_port: must be a whole number, got 'sixthousand'"),
                Arguments.of("redis port 70000", config("", "", "  redis_port: 70000\n"),
                        "router_settings.redis_port: must be between 1 and 65535, got 70000"),
                Arguments.of("redis_url port 70000", config("", "", "  redis_url: redis://:" + REDIS_PASSWORD + "@127.0.0.1:70000\n"),
                        "router_settings.redis_url: has an invalid port (expected 1-65535)"),
                Arguments.of("model_list as a map", "model_list: {model_name: a}\ngeneral_settings:\n" + GENERAL, "model_list: must be a list"),
                Arguments.of("model_list item as text", "model_list: [gpt-4]\ngeneral_settings:\n" + GENERAL,
                        "model_list[0]: must be a mapping of keys to values"),
                Arguments.of("negative threshold", config("", "  unhealthy_threshold: -1\n", ""),
                        "general_settings.unhealthy_threshold: must be between 1 and 1000, got -1"),
                Arguments.of("zero threshold", config("", "  healthy_threshold: 0\n", ""),
                        "general_settings.healthy_threshold: must be between 1 and 1000, got 0"),
                Arguments.of("negative timeout", config("", "  health_check_timeout: -5\n", ""),
                        "general_settings.health_check_timeout: must be more than 0 seconds (at most a week), got -5"),
                Arguments.of("timeout .nan", config("", "  health_check_timeout: .nan\n", ""),
                        "general_settings.health_check_timeout: must be a number of seconds, got '.nan'"),
                Arguments.of("jitter 150", config("", "  interval_jitter_percent: 150\n", ""),
                        "general_settings.interval_jitter_percent: must be between 0 and 100, got 150"),
                Arguments.of("database_url with a bad port", "general_settings:\n  master_key: " + MASTER_KEY
                                + "\n  database_url: postgresql://user:" + DB_PASSWORD + "@:badport/db\n",
                        "general_settings.database_url: is not a valid database URL: "),
                Arguments.of("database_url port 99999", "general_settings:\n  database_url: postgresql://user:" + DB_PASSWORD + "@db:99999/x\n",
                        "general_settings.database_url: is not a valid database URL: "),
                Arguments.of("master_key as a list", "general_settings:\n  master_key: [" + MASTER_KEY + "]\n",
                        "general_settings.master_key: must be a single value, not a list"),
                Arguments.of("environment_variables as a list", "environment_variables: [" + MODEL_KEY + "]\n",
                        "environment_variables: must be a mapping of variable names to values"),
                Arguments.of("non-YAML garbage", "{{{{ ]]]] :::: " + MODEL_KEY + "\n", "config.yaml: is not valid YAML at line 1"),
                Arguments.of("unclosed quote after a secret", "general_settings:\n  master_key: \"" + MASTER_KEY + "\n  x: [\n",
                        "config.yaml: is not valid YAML at line"),
                Arguments.of("a top-level scalar", "just some text " + MODEL_KEY + "\n",
                        "config.yaml: must be a mapping with keys such as model_list and general_settings"),
                Arguments.of("alias to no anchor", config("  - {model_name: a, litellm_params: *nope}\n", "", ""),
                        "config.yaml: line 4: an alias refers to no anchored mapping or list before it"),
                Arguments.of("nested 10 000 deep", "model_list: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n",
                        "config.yaml: exceeds the YAML parser's limits"),
                Arguments.of("billion laughs", billionLaughs(), "config.yaml: expands to more than 1000000 values through YAML aliases"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void aBadConfigExitsTwoWithOneLineNamingTheKeyAndNoSecret(String name, String yaml, String expected) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        Result result = assertTimeoutPreemptively(FAST, () -> run("--config", file.toString(), "--check-config"), name);
        assertInvalid(result, expected);
    }

    /** What LiteLLM starts with, one deployment unable to work: accepted, that deployment named in a warning. */
    static Stream<Arguments> deploymentsThatCannotWork() {
        return Stream.of(
                Arguments.of("unresolved os.environ", config("  - {model_name: a, litellm_params: {model: openai/a, api_key: "
                                + "os.environ/LLM_HEALTH_FUZZ_UNSET_VARIABLE}}\n", "", ""),
                        "warning: model_list[1] (a): model_list[1].litellm_params.api_key refers to environment variable"
                                + " LLM_HEALTH_FUZZ_UNSET_VARIABLE, which is not set; this deployment is reported unhealthy"),
                Arguments.of("api_base ht!tp://x", config("  - {model_name: a, litellm_params: {model: openai/a, api_base: 'ht!tp://x', api_key: "
                                + MODEL_KEY + "}}\n", "", ""),
                        "warning: model_list[1] (a): litellm_params.api_base is not an http:// or https:// URL with a host;"
                                + " this deployment is reported unhealthy"),
                Arguments.of("a docs placeholder as api_base", config("  - {model_name: a, litellm_params: {model: azure/a, api_base: "
                                + "your_api_base, api_key: " + MODEL_KEY + "}}\n", "", ""),
                        "warning: model_list[1] (a): litellm_params.api_base is not an http:// or https:// URL with a host;"
                                + " this deployment is reported unhealthy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deploymentsThatCannotWork")
    void aDeploymentThatCannotWorkIsAWarningNamingTheKeyNotARefusedConfig(String name, String yaml, String expected) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        Result result = assertTimeoutPreemptively(FAST, () -> run("--config", file.toString(), "--check-config"), name);
        assertEquals(0, result.exitCode(), "exit code; err: " + result.err() + " out: " + result.out());
        List<String> lines = result.out().strip().lines().toList();
        assertEquals(List.of(expected), lines.subList(0, lines.size() - 1));
        assertTrue(lines.getLast().startsWith("config ok: 2 deployments"), result.out());
        for (String canary : CANARIES) {
            assertFalse(result.out().contains(canary) || result.err().contains(canary), "a secret echoed: " + result.out());
        }
    }

    @Test
    void aFileOverSixteenMebibytesIsRefusedUnread() throws Exception {
        Path file = dir.resolve("huge.yaml");
        Files.writeString(file, "general_settings:\n  master_key: " + MASTER_KEY + "\nx: '" + "a".repeat(17 * 1024 * 1024) + "'\n");
        Result result = assertTimeoutPreemptively(FAST, () -> run("--config", file.toString(), "--check-config"));
        assertInvalid(result, "--config: file " + file + " is larger than 16 MiB");
    }

    @Test
    void aFileThatIsNotTextIsRefused() throws Exception {
        Path file = dir.resolve("binary.yaml");
        Files.write(file, new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, (byte) 0xc3});
        assertInvalid(run("--config", file.toString(), "--check-config"), "--config: file " + file + " is not UTF-8 text");
    }

    /** 20,000 deployments (2.5 MB): large, valid, and read in bounded time. */
    @Test
    void aLargeValidConfigLoads() throws Exception {
        Path file = dir.resolve("large.yaml");
        Files.writeString(file, "model_list:\n" + IntStream.range(0, 20_000)
                .mapToObj(i -> "  - model_name: m" + i + "\n    litellm_params: {model: openai/m" + i
                        + ", api_base: 'http://127.0.0.1:9/v1', api_key: " + MODEL_KEY + "}\n")
                .collect(Collectors.joining()));
        Result result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("--config", file.toString(), "--check-config"));
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("config ok: 20000 deployments"), result.out());
    }

    /** An empty file configures nothing, as running without --config does (LiteLLM starts without one too). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"empty, ''", "blank lines, '\n\n  \n'", "a YAML null, '~'"})
    void anEmptyConfigIsValid(String name, String yaml) throws Exception {
        Path file = dir.resolve("empty.yaml");
        Files.writeString(file, yaml);
        Result result = run("--config", file.toString(), "--check-config");
        assertEquals(0, result.exitCode(), name + ": " + result.err());
        assertTrue(result.out().startsWith("config ok: 0 deployments"), result.out());
    }

    /** The environment overrides the file; its bad values are named by variable. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "PORT         | abc                                         | PORT: must be a whole number, got 'abc'",
            "PORT         | 70000                                       | PORT: must be between 0 and 65535, got 70000",
            "REDIS_PORT   | abc                                         | REDIS_PORT: must be a port number between 1 and 65535",
            "REDIS_URL    | redis://:redis-canary-pw-7f3a@cache:70000   | REDIS_URL: has an invalid port (expected 1-65535)",
            "DATABASE_URL | postgresql://u:db-canary-pw-7f3a@:badport/x | DATABASE_URL: is not a valid database URL: "})
    void aBadEnvironmentVariableIsNamed(String variable, String value, String expected) {
        ConfigException error = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of(variable, value, "REDIS_HOST", "127.0.0.1")).parse(config("", "", "")));
        assertTrue(error.getMessage().startsWith(expected), error.getMessage());
        CANARIES.forEach(canary -> assertFalse(error.getMessage().contains(canary), error.getMessage()));
    }

    @Test
    void aBadPortFlagIsAUsageError() {
        Result result = run("--port", "http");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("health-app: --port must be a port number between 0 and 65535, got 'http'"), result.err());
    }

    /** Nine levels of nine aliases each: 9^9 values if expanded. */
    private static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("general_settings: {master_key: " + MASTER_KEY + "}\n");
        yaml.append("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level < 10; level++) {
            yaml.append("lol").append(level).append(": &lol").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*lol" + (level - 1)))).append("]\n");
        }
        return yaml.append("model_list: *lol9\n").toString();
    }

    private static void assertInvalid(Result result, String expectedStart) {
        assertEquals(2, result.exitCode(), "exit code; err: " + result.err() + " out: " + result.out());
        List<String> lines = result.err().strip().lines().toList();
        assertEquals(1, lines.size(), "one clear message, got: " + result.err());
        String message = lines.getFirst();
        assertTrue(message.startsWith("health-app: invalid config: " + expectedStart), message);
        assertEquals("", result.out());
        for (String canary : CANARIES) {
            assertFalse(message.contains(canary), "a secret echoed: " + message);
        }
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
