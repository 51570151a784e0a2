package dev.llmhealth.adapters.http.passthrough;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.RequestException;
import io.helidon.webserver.CloseConnectionException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * What Helidon 4.5's request reader throws for a body the client got wrong, and the 4xx it gets. The
 * reader has no single exception for it: a body shorter than its Content-Length or a chunk cut short
 * ends in {@code InsufficientDataAvailableException} (left to Helidon, a 500 with a stack trace), a
 * malformed chunk size in a {@code NumberFormatException} or a 400 {@code RequestException}, a bare LF
 * in {@code IncorrectNewLineException}, a body that cannot be decoded or a client that reset in an
 * {@code UncheckedIOException} or Helidon's connection exception.
 *
 * @param status  the answer's status (400, or Helidon's own 4xx such as 413)
 * @param message the answer's message, in fixed words (never the client's bytes)
 */
record BrokenBody(int status, String message) {

    /** Empty when the failure is not the client's (a Helidon 5xx): that one stays the server's error. */
    static Optional<BrokenBody> of(RuntimeException failure) {
        return switch (failure) {
            case DataReader.InsufficientDataAvailableException cutShort ->
                    Optional.of(new BrokenBody(400, "Incomplete request body: the connection ended before the body did"));
            case DataReader.IncorrectNewLineException bareLineFeed -> Optional.of(chunked());
            case RequestException helidon when helidon.status().code() < 500 -> Optional.of(helidon.status().code() == 413
                    ? new BrokenBody(413, "Request body too large") : chunked());
            case IllegalArgumentException badChunkSize -> Optional.of(chunked());
            case UncheckedIOException unreadable -> Optional.of(new BrokenBody(400, "Unreadable request body"));
            case CloseConnectionException socketFailed -> Optional.of(new BrokenBody(400, "Incomplete request body: the connection failed"));
            default -> Optional.empty();
        };
    }

    private static BrokenBody chunked() {
        return new BrokenBody(400, "Malformed request body: invalid chunked encoding");
    }
}
