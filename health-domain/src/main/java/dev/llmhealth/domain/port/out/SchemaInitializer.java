package dev.llmhealth.domain.port.out;

import java.time.Duration;

/**
 * Puts the schema the app needs into its database (idempotently), apart from checking that the
 * database answers: a probe only looks. Readiness counts the database initialized once this says so.
 */
@FunctionalInterface
public interface SchemaInitializer {

    /** True once the schema is there; false when the database cannot be reached yet. */
    boolean ensureInitialized(Duration timeout);

    /** For a database whose schema someone else owns: initialized as soon as it answers. */
    SchemaInitializer NOTHING_TO_APPLY = timeout -> true;
}
