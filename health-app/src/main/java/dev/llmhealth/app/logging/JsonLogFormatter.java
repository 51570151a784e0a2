package dev.llmhealth.app.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.llmhealth.domain.policy.SecretRedactor;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One JSON object a line, for log shippers: {@code timestamp} (ISO-8601 UTC), {@code level},
 * {@code logger}, {@code message}, {@code thread}, and {@code exception} (its class only) when the
 * record carries one. The exception's message and stack trace are never written: they can carry
 * connection strings. Every text field passes the redactor. Deployment state changes also get
 * their parts as fields (see {@link StateChange}).
 */
public final class JsonLogFormatter extends Formatter {

    /** ASCII only: the line stays intact whatever encoding the console (a container's POSIX locale) has. */
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private volatile SecretRedactor redactor;

    public JsonLogFormatter(SecretRedactor redactor) {
        this.redactor = redactor;
    }

    /** Once the config is loaded, its exact secrets are masked too. */
    public void redactWith(SecretRedactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public String format(LogRecord record) {
        SecretRedactor secrets = redactor;
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("timestamp", TIMESTAMP.format(record.getInstant()));
            json.writeStringField("level", levelName(record.getLevel()));
            json.writeStringField("logger", record.getLoggerName() == null ? "" : record.getLoggerName());
            json.writeStringField("message", secrets.redact(formatMessage(record)));
            json.writeStringField("thread", currentThread());
            if (record.getThrown() != null) {
                json.writeStringField("exception", record.getThrown().getClass().getName());
            }
            StateChange.of(record).ifPresent(change -> change.writeFields(json, secrets));
            json.writeEndObject();
        } catch (IOException cannotHappenOnAStringWriter) {
            throw new UncheckedIOException(cannotHappenOnAStringWriter);
        }
        return line.append('\n').toString();
    }

    /** The names {@code --log-level} takes, so one vocabulary serves both; TRACE for what lies below DEBUG. */
    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        } else if (value >= Level.WARNING.intValue()) {
            return "WARNING";
        } else if (value >= Level.INFO.intValue()) {
            return "INFO";
        } else if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    /**
     * A LogRecord carries no thread name, but the console handler formats on the thread that logs.
     * Virtual threads are mostly unnamed: they get their id instead.
     */
    private static String currentThread() {
        Thread thread = Thread.currentThread();
        return thread.getName().isEmpty() ? "virtual-" + thread.threadId() : thread.getName();
    }
}
