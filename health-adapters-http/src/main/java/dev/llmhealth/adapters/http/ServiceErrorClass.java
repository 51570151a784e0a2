package dev.llmhealth.adapters.http;

import java.util.Map;

/**
 * The {@code error_class} label of LiteLLM's {@code litellm_<service>_failed_requests}. LiteLLM puts
 * the Python exception's class name there; a check here ends in a short redacted reason instead, so
 * the reason is sorted into a fixed set of class-like names, the way the same fault reads in LiteLLM
 * (a refused connection is a {@code ConnectionRefusedError} there too). A fixed set keeps the label's
 * cardinality bounded and no text of a failure ever reaches a label.
 */
final class ServiceErrorClass {

    static final String TIMEOUT = "TimeoutError";
    static final String CONNECTION_REFUSED = "ConnectionRefusedError";
    static final String CONNECTION = "ConnectionError";
    static final String TLS = "SSLError";
    static final String AUTHENTICATION = "AuthenticationError";
    /** The service answered, with an error (a SQLState, a Redis error reply, no PONG). */
    static final String SERVER = "ServerError";
    /** Anything else: an embedder's own probe, a probe error that is no network or server fault. */
    static final String OTHER = "CheckError";

    /** The reasons the PostgreSQL and Redis probes and the service check itself give, by their exact words. */
    private static final Map<String, String> BY_REASON = Map.ofEntries(
            Map.entry("timed out", TIMEOUT),
            Map.entry("check timed out", TIMEOUT),
            Map.entry("connection refused", CONNECTION_REFUSED),
            Map.entry("unknown host", CONNECTION),
            Map.entry("no route to host", CONNECTION),
            Map.entry("connection lost", CONNECTION),
            Map.entry("connection failed", CONNECTION),
            Map.entry("connection rejected by server", CONNECTION),
            Map.entry("TLS failed", TLS),
            Map.entry("authentication failed", AUTHENTICATION),
            Map.entry("permission denied", SERVER),
            Map.entry("database does not exist", SERVER),
            Map.entry("too many connections", SERVER),
            Map.entry("database is starting up", SERVER),
            Map.entry("database is shutting down", SERVER),
            Map.entry("unexpected reply to PING", SERVER),
            Map.entry("Redis is loading its dataset", SERVER),
            Map.entry("Redis is busy", SERVER),
            Map.entry("Redis master is down", SERVER));

    private ServiceErrorClass() {
    }

    static String of(String reason) {
        String known = BY_REASON.get(reason);
        if (known != null) {
            return known;
        }
        // "query failed (SQLState 42P01)", "Redis error NOSCRIPT": the server's own error codes
        if (reason.startsWith("query failed (SQLState ") || reason.startsWith("Redis error")) {
            return SERVER;
        }
        return OTHER;
    }
}
