package dev.llmhealth.domain.port.out;

import dev.llmhealth.domain.model.ServiceHealth;
import java.time.Duration;

/** The proxy's database: reachable and fast. Its schema is a {@link SchemaInitializer}'s business. */
public interface DatabaseProbe extends ServiceProbe {

    /** For a proxy that runs without a database. */
    DatabaseProbe NOT_CONFIGURED = new DatabaseProbe() {
        @Override
        public ServiceHealth check(Duration timeout) {
            return ServiceHealth.NOT_CONFIGURED;
        }

        @Override
        public boolean configured() {
            return false;
        }
    };
}
