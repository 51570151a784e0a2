package dev.llmhealth.domain.model;

/**
 * The answer to "may traffic be sent here?".
 *
 * @param draining the replica is shutting down: not ready, whatever else holds, so load balancers stop sending
 */
public record Readiness(boolean ready, boolean databaseInitialized, boolean routerInitialized, boolean draining) {

    public Readiness(boolean ready, boolean databaseInitialized, boolean routerInitialized) {
        this(ready, databaseInitialized, routerInitialized, false);
    }

    /** The spec's word: {@code ready} or {@code not_ready}. */
    public String word() {
        return ready ? "ready" : "not_ready";
    }
}
