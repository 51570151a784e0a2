package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real app, started as its own JVM the way the launcher starts it, with LiteLLM's JSON_LOGS=true:
 * every line it writes is one JSON object, and a deployment's state change carries model, model_id,
 * from, to and error as fields. No key of the config ever shows up.
 */
class JsonLogsEndToEndTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void everyLineIsJsonAndStateChangesCarryTheirFields(@TempDir Path dir) throws IOException {
        try (FakeProviderServer provider = FakeProviderServer.start(0)) {
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, TestConfigs.config(List.of(
                    new TestConfigs.Model("gpt-4", provider.apiBase("healthy")),
                    new TestConfigs.Model("broken-model", provider.apiBase("failing"))), null, null, 0));
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Xmx64m", "-Xss512k",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "--config", config.toString(), "--port", Integer.toString(ExternalProgram.freePort()),
                    "--log-level", "debug");
            List<JsonNode> lines;
            try (ChildProcess app = ChildProcess.start("health-app", dir, command, Map.of("JSON_LOGS", "true"))) {
                // the first round may end before the server is up and Main says so: wait for all three lines
                RunningApp.eventually(BOUND, "both state changes and the listening line logged\n" + app.output(),
                        () -> stateChange(parse(app.printed()), "broken-model").isPresent()
                                && stateChange(parse(app.printed()), "gpt-4").isPresent()
                                && app.printed().contains("health-app listening on http://"));
                assertTrue(app.isAlive(), app.output());
                lines = parse(app.printed());
                String printed = app.printed();
                assertFalse(printed.contains("sk-test-key"), "a configured key in the log:\n" + printed);
            }

            JsonNode failed = stateChange(lines, "broken-model").orElseThrow();
            assertEquals("WARNING", failed.path("level").asText());
            assertEquals("dev.llmhealth.embedded.TransitionLog", failed.path("logger").asText());
            assertEquals("unchecked", failed.path("from").asText());
            assertEquals("unhealthy", failed.path("to").asText());
            assertTrue(failed.path("error").asText().startsWith("HTTP 500"), failed.toString());
            assertFalse(failed.path("model_id").asText().isBlank(), failed.toString());
            assertEquals("deployment broken-model (" + failed.path("model_id").asText() + ") unchecked -> unhealthy: "
                    + failed.path("error").asText(), failed.path("message").asText());
            assertTrue(failed.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), failed.toString());
            assertFalse(failed.path("thread").asText().isBlank(), failed.toString());

            JsonNode recovered = stateChange(lines, "gpt-4").orElseThrow();
            assertEquals("INFO", recovered.path("level").asText());
            assertEquals("healthy", recovered.path("to").asText());
            assertFalse(recovered.has("error"), recovered.toString());

            // Main's own lines come out as records too
            assertTrue(lines.stream().anyMatch(line -> line.path("logger").asText().equals("dev.llmhealth.app.Main")
                    && line.path("message").asText().startsWith("health-app listening on http://")), lines.toString());
        }
    }

    private static Optional<JsonNode> stateChange(List<JsonNode> lines, String model) {
        return lines.stream().filter(line -> model.equals(line.path("model").asText())).findFirst();
    }

    /** Every complete line must be one JSON object; a line still being written is left for the next look. */
    private static List<JsonNode> parse(String printed) {
        List<JsonNode> lines = new ArrayList<>();
        int end = printed.lastIndexOf('\n');
        if (end < 0) {
            return lines;
        }
        for (String line : printed.substring(0, end).split("\n", -1)) {
            JsonNode node = RunningApp.parse(line);
            assertTrue(node.isObject(), "not a JSON object: " + line);
            lines.add(node);
        }
        return lines;
    }
}
