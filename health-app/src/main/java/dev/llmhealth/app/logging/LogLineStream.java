package dev.llmhealth.app.logging;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns each line printed to it into a log record, so Main's messages come out in the log format.
 * Main starts its error lines with {@code "health-app: "}: those are ERROR, the rest INFO.
 */
final class LogLineStream extends OutputStream {

    private static final String ERROR_PREFIX = "health-app: ";

    private final Logger logger;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LogLineStream(Logger logger) {
        this.logger = logger;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            publish();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        // a line is published when it ends, never half
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            publish();
        }
    }

    private void publish() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (!text.isEmpty()) {
            logger.log(text.startsWith(ERROR_PREFIX) ? Level.SEVERE : Level.INFO, text);
        }
    }
}
