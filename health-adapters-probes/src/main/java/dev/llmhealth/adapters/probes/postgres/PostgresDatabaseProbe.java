package dev.llmhealth.adapters.probes.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.llmhealth.adapters.probes.support.TimeoutSizedPool;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.port.out.DatabaseProbe;
import dev.llmhealth.domain.port.out.SchemaInitializer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Checks PostgreSQL with {@code select 1} and applies the health subsystem's schema. Every call is
 * bounded by its timeout: waiting for a pooled connection, logging in and each read.
 */
public final class PostgresDatabaseProbe implements DatabaseProbe, AutoCloseable, SchemaInitializer {

    static {
        // before jOOQ's first use: no banner or tips on the operator's console
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private static final System.Logger LOG = System.getLogger(PostgresDatabaseProbe.class.getName());

    /** jOOQ's settings, made on the first check (a background thread), not when the probe is built at start. */
    private static final class Jooq {
        static final Settings SETTINGS = new Settings().withExecuteLogging(false);

        private Jooq() {
        }
    }

    private final TimeoutSizedPool<HikariDataSource> pool;
    private volatile String lastSchemaFailure;

    public PostgresDatabaseProbe(PostgresConnectionSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.pool = new TimeoutSizedPool<>(timeout -> PostgresPool.open(settings, timeout));
    }

    @Override
    public ServiceHealth check(Duration timeout) {
        if (!timeout.isPositive()) {
            return ServiceHealth.disconnected("timed out");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = pool.get(timeout).getConnection()) {
            DSLContext db = bounded(connection, deadline);
            long start = System.nanoTime();
            db.selectOne().fetch();
            return ServiceHealth.connected((System.nanoTime() - start) / 1_000_000.0);
        } catch (Exception failure) {
            return ServiceHealth.disconnected(PostgresFailures.reason(failure));
        }
    }

    @Override
    public boolean ensureInitialized(Duration timeout) {
        if (!timeout.isPositive()) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = pool.get(timeout).getConnection()) {
            bounded(connection, deadline).transaction(configuration -> HealthSchema.apply(configuration.dsl()));
            lastSchemaFailure = null;
            return true;
        } catch (Exception failure) {
            String reason = PostgresFailures.reason(failure);
            // the caller retries every few seconds: say it once per distinct reason, not each time
            if (!reason.equals(lastSchemaFailure)) {
                lastSchemaFailure = reason;
                LOG.log(System.Logger.Level.WARNING, "health schema not applied yet: {0}", reason);
            }
            return false;
        }
    }

    /** Caps every read on this connection at the time left, so a frozen server cannot hold the caller. */
    static DSLContext bounded(Connection connection, long deadline) throws SQLException {
        long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMs <= 0) {
            throw new SQLTimeoutException("no time left");
        }
        connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, remainingMs));
        return DSL.using(connection, SQLDialect.POSTGRES, Jooq.SETTINGS);
    }

    @Override
    public void close() {
        pool.close();
    }
}
