package dev.llmhealth.domain.policy;

import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.Readiness;

/**
 * Ready once the router is initialized (its first round has ended) and, when a database is
 * configured, the database has been reached once and its schema applied. A later outage of a
 * shared dependency never turns readiness off: that would drain every replica at once. A replica
 * that is shutting down (draining) is not ready, so traffic moves elsewhere before it stops.
 */
public final class ReadinessPolicy {

    public Readiness evaluate(HealthSnapshot snapshot) {
        return evaluate(snapshot, false);
    }

    /** @param draining the replica is shutting down: never ready again */
    public Readiness evaluate(HealthSnapshot snapshot, boolean draining) {
        boolean databaseReady = !snapshot.database().isConfigured() || snapshot.databaseInitialized();
        boolean ready = !draining && snapshot.routerInitialized() && databaseReady;
        return new Readiness(ready, snapshot.databaseInitialized(), snapshot.routerInitialized(), draining);
    }
}
