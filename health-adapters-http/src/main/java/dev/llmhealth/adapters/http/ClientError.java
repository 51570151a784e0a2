package dev.llmhealth.adapters.http;

import java.util.Locale;

/**
 * What a client got wrong, as the {@code reason} label of {@code llm_health_client_errors_total}: a
 * fixed set, so no client can create label values.
 */
public enum ClientError {
    /** A request line or header the server could not parse. */
    MALFORMED_REQUEST,
    /** The request head ended (the client half-closed or dropped) before its blank line. */
    INCOMPLETE_REQUEST,
    /** A body shorter than its Content-Length, broken chunked framing, or an unreadable encoding. */
    BAD_BODY,
    BODY_TOO_LARGE,
    URI_TOO_LONG,
    HEADERS_TOO_LARGE,
    UNSUPPORTED_VERSION,
    /** The client went away while its answer was being sent (a streamed completion it stopped reading). */
    CLIENT_DISCONNECTED;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
