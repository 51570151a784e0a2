package dev.llmhealth.domain.policy;

import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.Readiness;

/**
 * Ready once the router is initialized (its first round has ended) and, when a database is
 * configured, the database has been reached once and its schema applied. A later outage of a
 * shared dependency never turns readiness off: that would drain every replica at once.
 */
public final class ReadinessPolicy {

    public Readiness evaluate(HealthSnapshot snapshot) {
        boolean databaseReady = !snapshot.database().isConfigured() || snapshot.databaseInitialized();
        boolean ready = snapshot.routerInitialized() && databaseReady;
        return new Readiness(ready, snapshot.databaseInitialized(), snapshot.routerInitialized());
    }
}
