package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.app.logging.LogFormat;
import dev.llmhealth.app.logging.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes and messages a user or a container runtime relies on. */
class MainTest {

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpAndVersionExitZero() {
        Result help = run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--config FILE"));
        Result version = run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().contains("litellm_version 1.50.0"));
    }

    @Test
    void anUnknownArgumentIsAUsageError() {
        Result result = run("--bogus");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("unknown argument '--bogus'"));
    }

    @Test
    void aBadLogLevelOrFormatIsAUsageErrorNamingTheAllowedValues() {
        Result level = run("--log-level", "LOUD");
        assertEquals(2, level.exitCode());
        assertTrue(level.err().contains("--log-level must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL (any case), got 'LOUD'"),
                level.err());
        Result format = run("--log-format", "xml");
        assertEquals(2, format.exitCode());
        assertTrue(format.err().contains("--log-format must be text or json, got 'xml'"), format.err());
        assertEquals(2, run("--log-level").exitCode(), "a flag without its value");
    }

    @Test
    void logFlagsAreParsedAndListedInTheHelp() {
        CommandLine cli = CommandLine.parse("--log-level", "critical", "--log-format", "JSON");
        assertEquals(Optional.of(LogLevel.CRITICAL), cli.logLevel());
        assertEquals(Optional.of(LogFormat.JSON), cli.logFormat());
        assertEquals(Optional.empty(), CommandLine.parse().logLevel());
        String help = run("--help").out();
        for (String word : List.of("--log-level LEVEL", "--log-format", "LITELLM_LOG", "JSON_LOGS")) {
            assertTrue(help.contains(word), word + " in --help");
        }
    }

    @Test
    void checkConfigAcceptsTheDemoConfig() {
        Result result = run("--config", "../config/demo.yaml", "--check-config");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("config ok: 3 deployments"), result.out());
    }

    @Test
    void aBadConfigExitsTwoNamingTheKeyWithoutEchoingSecrets(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                model_list:
                  - model_name: gpt-4
                    litellm_params:
                      api_key: sk-canary-never-printed
                general_settings:
                  master_key: sk-canary-master
                """);
        Result result = run("--config", config.toString(), "--check-config");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("model_list[0].litellm_params.model: is required"), result.err());
        assertFalse(result.err().contains("canary") || result.out().contains("canary"));
    }

    @Test
    void aMissingConfigFileIsReported() {
        Result result = run("--config", "/no/such/config.yaml");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("does not exist"));
    }

    @Test
    void healthcheckExitsZeroForAHealthyServiceAndOneOtherwise() throws Exception {
        try (RunningApp app = RunningApp.start(TestConfigs.config(List.of(), null, null, 0))) {
            app.awaitReady();
            assertEquals(0, run("healthcheck", app.url("/health")).exitCode());
            assertEquals(1, run("healthcheck", app.url("/health/nope")).exitCode());
        }
        Result unreachable = run("healthcheck", "http://127.0.0.1:" + WithoutServicesEndToEndTest.closedPort() + "/health");
        assertEquals(1, unreachable.exitCode());
        assertTrue(unreachable.err().contains("unreachable"));
    }
}
