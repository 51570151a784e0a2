package dev.llmhealth.adapters.probes.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/** A deliberately small pool whose every wait is bounded by the check timeout. */
final class PostgresPool {

    /** HikariCP's floor for its timeouts. */
    private static final long MIN_HIKARI_TIMEOUT_MS = 250;

    private PostgresPool() {
    }

    static HikariDataSource open(PostgresConnectionSettings settings, Duration timeout) {
        long timeoutMs = Math.max(MIN_HIKARI_TIMEOUT_MS, timeout.toMillis());
        // pgjdbc takes whole seconds
        String timeoutSeconds = String.valueOf(Math.max(1, (timeoutMs + 999) / 1000));

        HikariConfig config = new HikariConfig();
        config.setPoolName("llm-health-postgres");
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(settings.jdbcUrl());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        // never fail at start when the database is down: the probe reports it instead
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(timeoutMs);
        config.setValidationTimeout(Math.max(MIN_HIKARI_TIMEOUT_MS, timeoutMs / 2));
        config.setRegisterMbeans(false);
        // so a server that accepts but never answers cannot hold a connect or a read forever
        config.addDataSourceProperty("connectTimeout", timeoutSeconds);
        config.addDataSourceProperty("loginTimeout", timeoutSeconds);
        config.addDataSourceProperty("socketTimeout", timeoutSeconds);
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "llm-health");
        return new HikariDataSource(config);
    }
}
