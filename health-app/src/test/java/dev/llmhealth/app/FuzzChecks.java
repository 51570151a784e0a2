package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every fuzz case must hold, whatever it sent: an answer (or a closed connection where the case
 * allows one), never a hang, never a 5xx for client input, never a stack trace or a Java class
 * name in what came back, and the server still serving the next client.
 */
final class FuzzChecks {

    /** Text that only a leaked exception, stack trace or framework detail would put in an answer. */
    static final List<String> LEAK_MARKERS = List.of("Exception", "\tat ", "io.helidon", "java.");
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.[01] (\\d{3})[ \r]");

    /**
     * One input and the statuses it may get.
     *
     * @param maySilentlyClose the server may close (or reset) the connection without answering
     */
    record Case(String name, String request, Set<Integer> statuses, boolean maySilentlyClose) {

        static Case of(String name, String request, Integer... statuses) {
            return new Case(name, request, Set.of(statuses), false);
        }

        Case orClosed() {
            return new Case(name, request, statuses, true);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private FuzzChecks() {
    }

    /** HTTP/1.1 GET with the given extra header lines (each ending in CRLF), closing after the answer. */
    static String get11(String target, String extraHeaders) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "Connection: close\r\n\r\n";
    }

    static String get10(String target, String extraHeaders) {
        return "GET " + target + " HTTP/1.0\r\n" + extraHeaders + "\r\n";
    }

    /** Bytes as they are (each char is one byte), e.g. raw UTF-8 in a request line. */
    static String bytes(String utf8) {
        return new String(utf8.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Runs one case and checks everything a fuzz case must hold; returns the status (-1: closed without one). */
    static int check(int port, Case fuzz) {
        RawHttp.ToEnd received = exchange(port, fuzz.request());
        String text = received.text();
        assertNotEquals(RawHttp.End.TIMED_OUT, received.end(), fuzz.name() + ": the server neither answered in full nor closed: " + text);
        assertNoLeak(fuzz.name(), text);
        int status = status(text);
        if (status < 0) {
            assertTrue(fuzz.maySilentlyClose(), fuzz.name() + ": closed without an answer, expected one of " + fuzz.statuses());
        } else {
            assertTrue(status < 500, fuzz.name() + ": a 5xx for client input: " + text);
            assertTrue(fuzz.statuses().contains(status), fuzz.name() + ": expected one of " + fuzz.statuses() + ", got " + text);
        }
        assertStillServing(port, fuzz.name());
        return status;
    }

    /** Sends the request over a fresh socket and reads to the end, even if the server closed while it was being sent. */
    static RawHttp.ToEnd exchange(int port, String request) {
        try (RawHttp http = RawHttp.connect(port)) {
            http.sendAsMuchAsAccepted(request);
            return http.readToEnd();
        }
    }

    static void assertNoLeak(String where, String text) {
        for (String marker : LEAK_MARKERS) {
            assertFalse(text.contains(marker), where + ": the answer carries '" + marker.strip() + "': " + text);
        }
    }

    /** A fresh client still gets liveliness at once. */
    static void assertStillServing(int port, String after) {
        RawHttp.ToEnd next = RawHttp.exchange(port, get11("/health/liveliness", ""));
        assertEquals(200, status(next.text()), "after " + after + " the server must keep serving: " + next.text());
    }

    /** The status of the first response in the text; -1 when there is none. */
    static int status(String text) {
        Matcher matcher = STATUS_LINE.matcher(text);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /**
     * Log records that carry a throwable at WARNING or above, i.e. a stack trace in the server's log
     * (Helidon logs its unhandled 500s this way). Attach after the server started: Helidon configures
     * JUL when it starts.
     */
    static final class LoggedFailures extends Handler implements AutoCloseable {

        private final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Level lowest;

        private LoggedFailures(Level lowest) {
            this.lowest = lowest;
        }

        static LoggedFailures attach() {
            return attach(Level.WARNING);
        }

        /** Catches stack traces logged at {@code lowest} or above. */
        static LoggedFailures attach(Level lowest) {
            LoggedFailures handler = new LoggedFailures(lowest);
            Logger.getLogger("").addHandler(handler);
            return handler;
        }

        @Override
        public void publish(LogRecord logRecord) {
            if (logRecord.getLevel().intValue() >= lowest.intValue() && logRecord.getThrown() != null) {
                records.add(logRecord);
            }
        }

        /** How many were caught so far. */
        int count() {
            return records.size();
        }

        /** Fails with the first logged failure's logger, message and throwable. */
        void assertNone(String during) {
            if (!records.isEmpty()) {
                LogRecord first = records.getFirst();
                records.clear();
                throw new AssertionError(during + ": the server logged a failure: " + first.getLoggerName() + ": "
                        + first.getMessage(), first.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }
    }
}
