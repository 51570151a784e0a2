package dev.llmhealth.domain.model;

/** How this replica's probing relates to the others', as {@code /health/services} reports it. */
public enum CoordinationMode {
    /** No shared store configured: this replica probes every deployment itself. */
    LOCAL("local"),
    /** Probe leases and verdicts are shared through Redis: each deployment is probed by one replica. */
    SHARED("shared"),
    /** A shared store is configured but cannot be reached: probing on our own until it is back. */
    LOCAL_FALLBACK("local_fallback");

    /** The name of a replica that was given none: it probes alone, so the name only shows in its own history. */
    public static final String LONE_REPLICA = "local";

    private final String word;

    CoordinationMode(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
