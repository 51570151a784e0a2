package dev.llmhealth.domain.port.out;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes an alert that every replica notices (a database outage: each replica checks it itself) go
 * out once per fleet: the replica that moves a subject's shared state first raises it, the others
 * stay quiet. Backed by Redis ({@code SET ... GET}) when replicas share one.
 */
public interface AlertClaims {

    /**
     * Sets {@code subject}'s state to {@code state} and says whether it was something else before
     * (so this caller is the one to alert). When the shared store cannot be reached it answers true:
     * a duplicate alert is better than none.
     */
    boolean claimChange(String subject, String state);

    /** For one replica alone: remembers states in memory. */
    static AlertClaims local() {
        Map<String, String> states = new ConcurrentHashMap<>();
        return (subject, state) -> !state.equals(states.put(subject, state));
    }
}
