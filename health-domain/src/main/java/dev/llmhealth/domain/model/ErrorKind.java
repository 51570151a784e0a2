package dev.llmhealth.domain.model;

/** Why a probe failed, so an operator can tell "down" from "misconfigured" from "busy". */
public enum ErrorKind {
    TIMEOUT,
    CONNECTION_REFUSED,
    DNS,
    TLS,
    AUTH,
    MODEL_NOT_FOUND,
    /** HTTP 429: the upstream is reachable but busy. */
    RATE_LIMITED,
    /** HTTP 408: the upstream is reachable but timed the request out. */
    REQUEST_TIMEOUT,
    SERVER_ERROR,
    MALFORMED_RESPONSE,
    HTTP_ERROR,
    /** The deployment cannot work as configured (e.g. its api_base is not a URL): no call is made. */
    CONFIG,
    UNKNOWN;

    /** Errors that mean "reachable, busy" (LiteLLM's transient errors). */
    public boolean isTransient() {
        return this == RATE_LIMITED || this == REQUEST_TIMEOUT;
    }
}
