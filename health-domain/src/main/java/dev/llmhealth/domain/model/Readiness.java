package dev.llmhealth.domain.model;

/** The answer to "may traffic be sent here?". */
public record Readiness(boolean ready, boolean databaseInitialized, boolean routerInitialized) {

    /** The spec's word: {@code ready} or {@code not_ready}. */
    public String word() {
        return ready ? "ready" : "not_ready";
    }
}
