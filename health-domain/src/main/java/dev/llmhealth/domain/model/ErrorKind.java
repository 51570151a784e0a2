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

    /**
     * What an upstream's HTTP error status means, for probes and real traffic alike: 401/403 a refused
     * key, 404 an unknown model, 408 and 429 busy, 5xx the upstream's own failure, anything else a
     * request the upstream would not take.
     */
    public static ErrorKind ofHttpStatus(int status) {
        return switch (status) {
            case 401, 403 -> AUTH;
            case 404 -> MODEL_NOT_FOUND;
            case 408 -> REQUEST_TIMEOUT;
            case 429 -> RATE_LIMITED;
            default -> status >= 500 ? SERVER_ERROR : HTTP_ERROR;
        };
    }

    /** Errors that mean "reachable, busy" (LiteLLM's transient errors). */
    public boolean isTransient() {
        return this == RATE_LIMITED || this == REQUEST_TIMEOUT;
    }
}
