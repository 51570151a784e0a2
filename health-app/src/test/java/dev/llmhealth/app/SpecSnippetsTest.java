package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.app.TestConfigs.Model;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every Python snippet of the spec page (see src/test/resources/spec-snippets/README.md for the
 * only mending done) against the started app, with {@code requests}, and checks what it prints.
 * Skipped, saying why, where no Python with {@code requests} is installed.
 */
class SpecSnippetsTest {

    private static FakeProviderServer provider;
    private static RunningApp app;
    private static String python;

    @BeforeAll
    static void start() throws Exception {
        python = pythonWithRequests().orElse(null);
        assumeTrue(python != null, "no python3 with the 'requests' package on this machine: spec snippets not run");
        provider = FakeProviderServer.start(0);
        TestServices.Postgres postgres = TestServices.postgres();
        TestServices.Redis redis = TestServices.redis();
        app = RunningApp.start(TestConfigs.config(List.of(
                new Model("gpt-4", provider.apiBase("healthy")),
                new Model("claude-2", provider.apiBase("healthy")),
                new Model("broken-model", provider.apiBase("failing"))),
                postgres.databaseUrl(), redis.host(), redis.port()), portFourThousandIfFree());
        app.awaitReady();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
            provider.close();
        }
    }

    @Test
    void proxyHealthSnippet() throws Exception {
        assertEquals("Proxy Status: healthy\nVersion: 1.50.0\nHealthy Models: 2\n", run("proxy_health.py"));
    }

    @Test
    void modelHealthSnippet() throws Exception {
        String out = run("model_health.py");
        assertTrue(out.startsWith("Healthy Models:\n"), out);
        assertTrue(out.contains(" - gpt-4: healthy\n") && out.contains(" - claude-2: healthy\n"), out);
        assertTrue(out.contains("\nUnhealthy Models:\n - broken-model: unhealthy\n"), out);
    }

    @Test
    void monitoringScriptAlertsOnTheUnhealthyModelAndReportsTheProxyHealthy() throws Exception {
        assertEquals("ALERT: Unhealthy models: broken-model\ncheck_health: True\n", run("monitoring_script.py"));
    }

    @Test
    void observabilityReportersRun() throws Exception {
        assertEquals("reporters ran\n", run("observability_reporters.py"));
    }

    @Test
    void basicHealthCheckSaysHealthy() throws Exception {
        assertEquals("Proxy is healthy\n", run("basic_health_check.py"));
    }

    @Test
    void detailedHealthCheckPrintsServicesAndTheUnhealthyModelsError() throws Exception {
        String out = run("detailed_health_check.py");
        assertTrue(out.startsWith("Status: healthy\nVersion: 1.50.0\nDatabase: connected\nRedis: connected\n"), out);
        assertTrue(out.contains("\nModels:\n Healthy: 2\n Unhealthy: 1\n"), out);
        assertTrue(out.contains("\nUnhealthy Models:\n - broken-model: HTTP 500"), out);
    }

    private static String run(String snippet) throws IOException, InterruptedException {
        String source;
        try (InputStream in = SpecSnippetsTest.class.getResourceAsStream("/spec-snippets/" + snippet)) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // the snippets say localhost:4000; only when 4000 was taken on this machine does the port change
        source = source.replace("localhost:4000", "localhost:" + app.port());
        Path file = Files.createTempFile("spec-snippet-", ".py");
        try {
            Files.writeString(file, source);
            Process process = new ProcessBuilder(python, file.toString()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), snippet + " did not finish");
            assertEquals(0, process.exitValue(), snippet + " failed:\n" + out);
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Optional<String> pythonWithRequests() {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process process = new ProcessBuilder(candidate, "-c", "import requests").redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException | InterruptedException notThere) {
                // try the next one
            }
        }
        return Optional.empty();
    }

    private static int portFourThousandIfFree() {
        try (ServerSocket probe = new ServerSocket(4000)) {
            return 4000;
        } catch (IOException taken) {
            return 0;
        }
    }
}
