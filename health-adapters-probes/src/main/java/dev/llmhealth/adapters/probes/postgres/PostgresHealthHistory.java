package dev.llmhealth.adapters.probes.postgres;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.table;

import com.zaxxer.hikari.HikariDataSource;
import dev.llmhealth.adapters.probes.support.TimeoutSizedPool;
import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.model.HistoryAnswer;
import dev.llmhealth.domain.model.HistoryQuery;
import dev.llmhealth.domain.port.out.HealthHistory;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep9;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The health history in PostgreSQL ({@code litellm_health_transitions}, through jOOQ). Recording
 * only queues: one writer thread inserts in batches, so a round never waits on the database. While
 * the database is down the transitions wait in memory, up to {@code capacity}, and are written when
 * it is back, in order; only what arrives beyond that bound is dropped, and counted. Rows older than
 * the retention are deleted by the writer, at most once an hour.
 */
public final class PostgresHealthHistory implements HealthHistory, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PostgresHealthHistory.class.getName());
    private static final int MAX_BATCH = 500;
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LAST_RETRY = Duration.ofSeconds(10);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    /** jOOQ's table and fields, loaded with jOOQ itself on the first write or query: not at start (jOOQ is some 400 classes). */
    private static final class Sql {
        static final Table<Record> TRANSITIONS = table(HealthSchema.TRANSITIONS_TABLE);
        static final Field<Long> ID = field(name("id"), Long.class);
        static final Field<String> KIND = field(name("subject_kind"), String.class);
        static final Field<String> SUBJECT = field(name("subject"), String.class);
        static final Field<String> MODEL = field(name("model_name"), String.class);
        static final Field<String> FROM = field(name("from_state"), String.class);
        static final Field<String> TO = field(name("to_state"), String.class);
        static final Field<String> ERROR = field(name("error"), String.class);
        static final Field<OffsetDateTime> AT = field(name("at"), OffsetDateTime.class);
        static final Field<String> REPLICA = field(name("replica"), String.class);
        static final Field<String> KEY = field(name("transition_key"), String.class);

        private Sql() {
        }
    }

    /** A transition and the key that makes its row unique, fixed when it is recorded. */
    private record Keyed(String key, HealthTransition transition) {
    }

    private final TimeoutSizedPool<HikariDataSource> pool;
    private final Duration timeout;
    private final Duration retention;
    private final Clock clock;
    private final BlockingQueue<Keyed> queued;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread writer;
    private volatile int inHand;
    private volatile boolean stopping;
    private volatile boolean retrying;
    private static final int CLOSE_WAIT_SECONDS = 3;
    private Instant lastPrune = Instant.EPOCH;

    /**
     * @param capacity  transitions kept in memory while they cannot be written
     * @param timeout   the bound of each write and query
     * @param retention rows older than this are deleted
     */
    public PostgresHealthHistory(PostgresConnectionSettings settings, int capacity, Duration timeout, Duration retention, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        this.pool = new TimeoutSizedPool<>(t -> PostgresPool.open(settings, t));
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.queued = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofVirtual().name("health-history-writer").start(this::writeLoop);
    }

    @Override
    public void record(HealthTransition transition) {
        if (!queued.offer(new Keyed(UUID.randomUUID().toString(), transition)) && dropped.incrementAndGet() == 1) {
            LOG.log(System.Logger.Level.WARNING, "health history: {0} transitions wait for the database already; newer ones are "
                    + "dropped and counted (litellm_health_history_dropped_total)", queued.size());
        }
    }

    /** Transitions not written yet (queued, or in the batch being written). */
    public long pending() {
        return queued.size() + (long) inHand;
    }

    /** Transitions dropped because {@code capacity} were waiting already. */
    public long dropped() {
        return dropped.get();
    }

    public long written() {
        return written.get();
    }

    @Override
    public HistoryAnswer query(HistoryQuery query) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = pool.get(timeout).getConnection()) {
            DSLContext db = PostgresDatabaseProbe.bounded(connection, deadline);
            Condition where = noCondition();
            if (query.model().isPresent()) {
                where = where.and(Sql.MODEL.eq(query.model().get()));
            }
            if (query.since().isPresent()) {
                where = where.and(Sql.AT.ge(query.since().get().atOffset(ZoneOffset.UTC)));
            }
            List<HealthTransition> found = db.select(Sql.KIND, Sql.SUBJECT, Sql.MODEL, Sql.FROM, Sql.TO, Sql.ERROR, Sql.AT, Sql.REPLICA)
                    .from(Sql.TRANSITIONS).where(where).orderBy(Sql.AT.desc(), Sql.ID.desc()).limit(query.limit())
                    .fetch(r -> new HealthTransition(
                            "service".equals(r.get(Sql.KIND)) ? HealthTransition.SubjectKind.SERVICE : HealthTransition.SubjectKind.DEPLOYMENT,
                            r.get(Sql.SUBJECT), Optional.ofNullable(r.get(Sql.MODEL)), Objects.requireNonNullElse(r.get(Sql.FROM), HealthTransition.UNCHECKED),
                            r.get(Sql.TO), Optional.ofNullable(r.get(Sql.ERROR)), r.get(Sql.AT).toInstant(), r.get(Sql.REPLICA)));
            return new HistoryAnswer.Found(found);
        } catch (Exception failure) {
            return new HistoryAnswer.Unavailable("database " + PostgresFailures.reason(failure));
        }
    }

    private void writeLoop() {
        List<Keyed> batch = new ArrayList<>(MAX_BATCH);
        Duration retry = FIRST_RETRY;
        while (true) {
            try {
                if (batch.isEmpty()) {
                    Keyed first = queued.poll(1, TimeUnit.SECONDS);
                    if (first != null) {
                        batch.add(first);
                    } else if (stopping) {
                        return;
                    }
                }
                queued.drainTo(batch, MAX_BATCH - batch.size());
                inHand = batch.size();
                if (!batch.isEmpty()) {
                    if (write(batch)) {
                        written.addAndGet(batch.size());
                        batch.clear();
                        inHand = 0;
                        retry = FIRST_RETRY;
                    } else if (stopping) {
                        return;
                    } else {
                        retrying = true;
                        Thread.sleep(retry);
                        retrying = false;
                        retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
                    }
                }
                pruneWhenDue();
            } catch (InterruptedException stopped) {
                return;
            }
        }
    }

    /**
     * One multi-row insert; false (the batch kept for the next try) while the database cannot take it.
     * A try whose answer was lost may have been written: the retry skips the rows whose key is there.
     */
    private boolean write(List<Keyed> batch) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = pool.get(timeout).getConnection()) {
            InsertValuesStep9<Record, String, String, String, String, String, String, OffsetDateTime, String, String> insert =
                    PostgresDatabaseProbe.bounded(connection, deadline)
                            .insertInto(Sql.TRANSITIONS, Sql.KIND, Sql.SUBJECT, Sql.MODEL, Sql.FROM, Sql.TO, Sql.ERROR, Sql.AT, Sql.REPLICA, Sql.KEY);
            for (Keyed keyed : batch) {
                HealthTransition t = keyed.transition();
                insert = insert.values(t.kind().word(), clip(t.subject(), 256), t.modelName().map(m -> clip(m, 256)).orElse(null),
                        clip(t.from(), 32), clip(t.to(), 32), t.error().map(e -> clip(e, 1024)).orElse(null),
                        t.at().atOffset(ZoneOffset.UTC), clip(t.replica(), 128), keyed.key());
            }
            insert.onConflictDoNothing().execute();
            return true;
        } catch (Exception failure) {
            LOG.log(System.Logger.Level.DEBUG, "health history: {0} transitions wait: {1}", batch.size(), PostgresFailures.reason(failure));
            return false;
        }
    }

    private void pruneWhenDue() {
        Instant now = clock.instant();
        if (now.isBefore(lastPrune.plus(PRUNE_EVERY))) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = pool.get(timeout).getConnection()) {
            int deleted = PostgresDatabaseProbe.bounded(connection, deadline).deleteFrom(Sql.TRANSITIONS)
                    .where(Sql.AT.lt(now.minus(retention).atOffset(ZoneOffset.UTC))).execute();
            lastPrune = now;
            if (deleted > 0) {
                LOG.log(System.Logger.Level.INFO, "health history: {0} transitions older than {1} days deleted", deleted, retention.toDays());
            }
        } catch (Exception notNow) {
            // the database is down or the schema not there yet: try again in a minute, not on every pass
            lastPrune = now.minus(PRUNE_EVERY).plus(Duration.ofMinutes(1));
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * Writes what is still waiting (for at most {@value #CLOSE_WAIT_SECONDS} s: a shutdown has a grace
     * period to keep), then stops; a writer waiting out a retry is woken at once.
     */
    @Override
    public void close() {
        stopping = true;
        if (inHand > 0 && retrying) {
            writer.interrupt();
        }
        try {
            writer.join(Duration.ofSeconds(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
        pool.close();
    }
}
