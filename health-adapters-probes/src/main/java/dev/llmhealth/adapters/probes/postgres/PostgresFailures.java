package dev.llmhealth.adapters.probes.postgres;

import dev.llmhealth.adapters.probes.support.SocketFailures;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

/**
 * Turns a failure into a short reason an operator can act on. Never a driver's message: those can
 * quote the host, the user or, for a malformed URL, the connection string.
 */
final class PostgresFailures {

    private PostgresFailures() {
    }

    static String reason(Throwable failure) {
        if (failure instanceof IllegalStateException) {
            return "probe closed";
        }
        String network = SocketFailures.reason(failure);
        if (network != null) {
            return network;
        }
        List<Throwable> involved = SocketFailures.involved(failure);
        if (involved.stream().anyMatch(SQLTimeoutException.class::isInstance)) {
            return "timed out";
        }
        String sqlState = involved.stream()
                .filter(t -> t instanceof SQLException sql && sql.getSQLState() != null)
                .map(t -> ((SQLException) t).getSQLState())
                .findFirst()
                .orElse(null);
        // HikariCP's "connection is not available, request timed out", unless the server said why
        if (failure instanceof SQLTransientConnectionException && (sqlState == null || sqlState.startsWith("08"))) {
            return "timed out";
        }
        if (sqlState != null) {
            return fromSqlState(sqlState);
        }
        return "check failed (" + failure.getClass().getSimpleName() + ")";
    }

    private static String fromSqlState(String sqlState) {
        return switch (sqlState) {
            case "28P01", "28000" -> "authentication failed";
            case "3D000" -> "database does not exist";
            case "42501" -> "permission denied";
            case "53300" -> "too many connections";
            case "57P03" -> "database is starting up";
            case "57P01", "57P02" -> "database is shutting down";
            case "57014" -> "timed out";
            case "08004" -> "connection rejected by server";
            default -> sqlState.startsWith("08") ? "connection failed" : "query failed (SQLState " + sqlState + ")";
        };
    }
}
