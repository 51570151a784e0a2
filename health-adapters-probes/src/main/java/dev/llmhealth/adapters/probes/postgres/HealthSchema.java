package dev.llmhealth.adapters.probes.postgres;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.SQLDataType.BIGINT;
import static org.jooq.impl.SQLDataType.INTEGER;
import static org.jooq.impl.SQLDataType.TIMESTAMPWITHTIMEZONE;
import static org.jooq.impl.SQLDataType.VARCHAR;

import org.jooq.DSLContext;
import org.jooq.Name;

/** The tables the health subsystem owns: a schema version and the history of health transitions. */
final class HealthSchema {

    /**
     * 1: version and transitions tables; 2: an index on the transitions' time (for {@code since} and
     * retention) and a unique key per transition, so a write retried after a lost answer adds no row twice.
     */
    static final int VERSION = 2;
    static final Name VERSION_TABLE = name("litellm_health_schema_version");
    static final Name TRANSITIONS_TABLE = name("litellm_health_transitions");
    static final Name TRANSITIONS_INDEX = name("litellm_health_transitions_subject_at_idx");
    static final Name TRANSITIONS_AT_INDEX = name("litellm_health_transitions_at_idx");
    static final Name TRANSITIONS_KEY_INDEX = name("litellm_health_transitions_key_idx");

    /** Serializes replicas applying the schema at once: concurrent CREATE ... IF NOT EXISTS can still collide. */
    private static final long ADVISORY_LOCK_KEY = 0x6c6c6d6865616c74L; // "llmhealt"

    private HealthSchema() {
    }

    /** Idempotent; must run inside a transaction, which releases the advisory lock at its end. */
    static void apply(DSLContext tx) {
        tx.select(field("pg_advisory_xact_lock({0})", Object.class, inline(ADVISORY_LOCK_KEY))).fetch();

        tx.createTableIfNotExists(VERSION_TABLE)
                .column("version", INTEGER.notNull())
                .column("applied_at", TIMESTAMPWITHTIMEZONE)
                .primaryKey("version")
                .execute();

        tx.createTableIfNotExists(TRANSITIONS_TABLE)
                .column("id", BIGINT.identity(true))
                .column("subject_kind", VARCHAR(16).notNull())
                .column("subject", VARCHAR(256).notNull())
                .column("model_name", VARCHAR(256))
                .column("from_state", VARCHAR(32))
                .column("to_state", VARCHAR(32).notNull())
                .column("error", VARCHAR(1024))
                .column("at", TIMESTAMPWITHTIMEZONE.notNull())
                .column("replica", VARCHAR(128).notNull())
                .primaryKey("id")
                .execute();

        tx.createIndexIfNotExists(TRANSITIONS_INDEX)
                .on(table(TRANSITIONS_TABLE), field(name("subject")), field(name("at")))
                .execute();

        tx.alterTable(TRANSITIONS_TABLE).addColumnIfNotExists("transition_key", VARCHAR(64)).execute();
        tx.createUniqueIndexIfNotExists(TRANSITIONS_KEY_INDEX)
                .on(table(TRANSITIONS_TABLE), field(name("transition_key")))
                .execute();

        tx.createIndexIfNotExists(TRANSITIONS_AT_INDEX)
                .on(table(TRANSITIONS_TABLE), field(name("at")))
                .execute();

        tx.insertInto(table(VERSION_TABLE), field(name("version"), INTEGER), field(name("applied_at"), TIMESTAMPWITHTIMEZONE))
                .values(val(VERSION), currentOffsetDateTime())
                .onConflictDoNothing()
                .execute();
    }
}
