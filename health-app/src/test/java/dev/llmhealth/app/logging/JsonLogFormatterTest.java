package dev.llmhealth.app.logging;

import dev.llmhealth.embedded.TransitionLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.policy.SecretRedactor;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** JSON log lines: the fields log shippers index, state changes taken apart, and nothing secret. */
class JsonLogFormatterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRANSITIONS = TransitionLog.LOGGER;

    /** A record as {@link TransitionLog} writes it: the line, then the transition it describes. */
    private static LogRecord change(Level level, HealthTransition transition) {
        return record(level, TRANSITIONS, "{0}", TransitionLog.text(transition), transition);
    }

    private static HealthTransition deployment(String model, String id, String from, String to, String error) {
        return new HealthTransition(HealthTransition.SubjectKind.DEPLOYMENT, id, java.util.Optional.of(model), from, to,
                java.util.Optional.ofNullable(error), java.time.Instant.parse("2026-12-03T12:00:00Z"), "replica-1");
    }

    private final JsonLogFormatter formatter = new JsonLogFormatter(SecretRedactor.shapesOnly());

    private static LogRecord record(Level level, String logger, String message, Object... parameters) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setInstant(Instant.parse("2026-12-01T07:08:09.123456Z"));
        if (parameters.length > 0) {
            record.setParameters(parameters);
        }
        return record;
    }

    private JsonNode line(LogRecord record) throws IOException {
        String text = formatter.format(record);
        assertTrue(text.endsWith("\n"), "one record, one line");
        assertEquals(-1, text.substring(0, text.length() - 1).indexOf('\n'), "no line break inside: " + text);
        return JSON.readTree(text);
    }

    private static Set<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    @Test
    void aRecordHasTimestampLevelLoggerFormattedMessageAndThread() throws IOException {
        JsonNode line = line(record(Level.INFO, "dev.llmhealth.app.HealthApplication", "model probes trust the CAs of {0} only", "/etc/ca.pem"));
        assertEquals(Set.of("timestamp", "level", "logger", "message", "thread"), fieldNames(line));
        assertEquals("2026-12-01T07:08:09.123Z", line.path("timestamp").asText());
        assertEquals("INFO", line.path("level").asText());
        assertEquals("dev.llmhealth.app.HealthApplication", line.path("logger").asText());
        assertEquals("model probes trust the CAs of /etc/ca.pem only", line.path("message").asText());
        assertEquals(Thread.currentThread().getName(), line.path("thread").asText());
    }

    @Test
    void levelsUseTheNamesOfLogLevel() throws IOException {
        assertEquals("ERROR", line(record(Level.SEVERE, "x", "m")).path("level").asText());
        assertEquals("WARNING", line(record(Level.WARNING, "x", "m")).path("level").asText());
        assertEquals("DEBUG", line(record(Level.CONFIG, "x", "m")).path("level").asText(), "CONFIG lies below INFO");
        assertEquals("DEBUG", line(record(Level.FINE, "x", "m")).path("level").asText());
        assertEquals("TRACE", line(record(Level.FINER, "x", "m")).path("level").asText());
    }

    @Test
    void aStateChangeGetsItsPartsAsFields() throws IOException {
        JsonNode line = line(change(Level.WARNING, deployment("gpt-4", "7b3d5afa91bbee61", "healthy", "unhealthy",
                "HTTP 500 from upstream: upstream exploded")));
        assertEquals("deployment gpt-4 (7b3d5afa91bbee61) healthy -> unhealthy: HTTP 500 from upstream: upstream exploded",
                line.path("message").asText());
        assertEquals("gpt-4", line.path("model").asText());
        assertEquals("7b3d5afa91bbee61", line.path("model_id").asText());
        assertEquals("healthy", line.path("from").asText());
        assertEquals("unhealthy", line.path("to").asText());
        assertEquals("HTTP 500 from upstream: upstream exploded", line.path("error").asText());
    }

    @Test
    void aRecoveryHasNoErrorField() throws IOException {
        JsonNode line = line(change(Level.INFO, deployment("gpt-4", "7b3d5afa91bbee61", "unchecked", "healthy", null)));
        assertEquals("deployment gpt-4 (7b3d5afa91bbee61) unchecked -> healthy", line.path("message").asText());
        assertEquals("unchecked", line.path("from").asText());
        assertEquals("healthy", line.path("to").asText());
        assertFalse(line.has("error"), line.toString());
    }

    @Test
    void aServiceChangeNamesTheService() throws IOException {
        HealthTransition down = new HealthTransition(HealthTransition.SubjectKind.SERVICE, "database", java.util.Optional.empty(),
                "connected", "disconnected", java.util.Optional.of("connection refused"), java.time.Instant.parse("2026-12-03T12:00:00Z"), "r");
        JsonNode line = line(change(Level.WARNING, down));
        assertEquals("service database connected -> disconnected: connection refused", line.path("message").asText());
        assertEquals("database", line.path("service").asText());
        assertFalse(line.has("model"), line.toString());
    }

    @Test
    void aMessageThatOnlyLooksLikeAStateChangeIsAPlainRecord() throws IOException {
        JsonNode lookalike = line(record(Level.INFO, TRANSITIONS, "deployment {0} ({1}) {2} -> {3}{4}", "a", "b", "c", "d", ""));
        assertFalse(lookalike.has("model"), lookalike.toString());
        assertFalse(lookalike.has("from"), lookalike.toString());
    }

    @Test
    void anExceptionIsNamedByItsClassOnly() throws IOException {
        LogRecord record = record(Level.SEVERE, "com.zaxxer.hikari.pool.HikariPool", "pool failed");
        record.setThrown(new SQLException("connect to postgresql://litellm:hunter2@db:5432/litellm refused",
                new IOException("caused by hunter2")));
        String text = formatter.format(record);
        assertEquals("java.sql.SQLException", JSON.readTree(text).path("exception").asText());
        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("postgresql://"), text);
        assertFalse(text.contains("\tat "), "no stack trace: " + text);
    }

    @Test
    void secretsInMessagesAndStateChangesAreMasked() throws IOException {
        formatter.redactWith(new SecretRedactor(List.of("exact-config-secret")));
        JsonNode message = line(record(Level.WARNING, "x", "calling {0} with Bearer abc.def and exact-config-secret",
                "https://user:pw@example.com/v1"));
        assertEquals("calling https://***@example.com/v1 with Bearer *** and ***", message.path("message").asText());
        JsonNode change = line(change(Level.WARNING, deployment("gpt-4", "id", "healthy", "unhealthy",
                "HTTP 401: invalid key sk-live-0123456789")));
        assertFalse(change.toString().contains("sk-live-0123456789"), change.toString());
        assertEquals("HTTP 401: invalid key ***", change.path("error").asText());
    }

    @Test
    void nonAsciiIsEscapedSoAnyConsoleEncodingKeepsTheLineIntact() throws IOException {
        String text = formatter.format(record(Level.INFO, "x", "modèle {0}", "日本"));
        assertTrue(text.chars().allMatch(c -> c < 128), text);
        assertEquals("modèle 日本", JSON.readTree(text).path("message").asText());
    }

    @Test
    void quotesAndLineBreaksInAMessageStayInsideOneLine() throws IOException {
        JsonNode line = line(record(Level.INFO, "x", "first \"line\"\nsecond line"));
        assertEquals("first \"line\"\nsecond line", line.path("message").asText());
    }
}
