package dev.llmhealth.domain.port.out;

import dev.llmhealth.domain.model.ServiceHealth;
import java.time.Duration;

/** The proxy's database: reachable, fast, and holding the schema the app needs. */
public interface DatabaseProbe extends ServiceProbe {

    /**
     * Makes sure the schema the app needs is there (applies it idempotently). True once it is;
     * false when the database cannot be reached yet.
     */
    boolean ensureInitialized(Duration timeout);

    /** For a proxy that runs without a database. */
    DatabaseProbe NOT_CONFIGURED = new DatabaseProbe() {
        @Override
        public ServiceHealth check(Duration timeout) {
            return ServiceHealth.NOT_CONFIGURED;
        }

        @Override
        public boolean ensureInitialized(Duration timeout) {
            return false;
        }

        @Override
        public boolean configured() {
            return false;
        }
    };
}
