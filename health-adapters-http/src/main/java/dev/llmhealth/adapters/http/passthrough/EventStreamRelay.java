package dev.llmhealth.adapters.http.passthrough;

import io.helidon.webserver.CloseConnectionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Passes an upstream's server-sent events on to the client chunk by chunk, as they arrive, and
 * notes what the traffic counters need: when the first chunk came and the usage the stream reported.
 */
final class EventStreamRelay {

    /**
     * How the relay ended.
     *
     * @param firstChunk    from the call's start to its first chunk; empty when none came
     * @param upstreamBroke the upstream's stream failed before its end (a client that left is not the upstream's fault)
     * @param clientLeft    the client went away first; the upstream's stream was closed then, which cancels its call
     */
    record Relayed(Optional<Duration> firstChunk, TokenUsage usage, boolean upstreamBroke, boolean clientLeft) {
    }

    private EventStreamRelay() {
    }

    /** Closes the upstream's stream; the client's stays open for the caller to end ({@link #end}) once the call is counted. */
    static Relayed relay(InputStream upstream, OutputStream client, long callStartNanos) {
        SseUsageScanner usage = new SseUsageScanner();
        Optional<Duration> firstChunk = Optional.empty();
        boolean upstreamBroke = false;
        boolean clientLeft = false;
        byte[] buffer = new byte[8192];
        try (upstream) {
            while (true) {
                int read;
                try {
                    read = upstream.read(buffer);
                } catch (IOException broke) {
                    upstreamBroke = true;
                    break;
                }
                if (read < 0) {
                    break;
                }
                if (firstChunk.isEmpty()) {
                    firstChunk = Optional.of(Duration.ofNanos(System.nanoTime() - callStartNanos));
                }
                usage.feed(buffer, 0, read);
                if (!passOn(client, buffer, read)) {
                    clientLeft = true;
                    break;
                }
            }
        } catch (IOException closing) {
            // closing the upstream's stream ends the call; there is nothing more to learn from it
        }
        return new Relayed(firstChunk, usage.usage(), upstreamBroke, clientLeft);
    }

    /**
     * False when the client has gone away: then reading on is pointless. Helidon reports a failed write as its own
     * connection exception (not an IOException), which would otherwise escape the relay and leave the call uncounted.
     */
    private static boolean passOn(OutputStream client, byte[] buffer, int length) {
        try {
            client.write(buffer, 0, length);
            client.flush();
            return true;
        } catch (IOException | UncheckedIOException | CloseConnectionException clientLeft) {
            return false;
        }
    }

    /** Ends the client's stream. */
    static void end(OutputStream client) {
        try {
            client.close();
        } catch (IOException | UncheckedIOException | CloseConnectionException clientLeft) {
            // the client is gone; the call is over either way
        }
    }
}
