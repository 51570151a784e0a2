package dev.llmhealth.adapters.probes.postgres;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import javax.net.ssl.SSLException;

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
        String fromCause = fromCauseChain(failure);
        if (fromCause != null) {
            return fromCause;
        }
        String sqlState = firstSqlState(failure);
        // HikariCP's "connection is not available, request timed out", unless the server said why
        if (failure instanceof SQLTransientConnectionException && (sqlState == null || sqlState.startsWith("08"))) {
            return "timed out";
        }
        if (sqlState != null) {
            return fromSqlState(sqlState);
        }
        return "check failed (" + failure.getClass().getSimpleName() + ")";
    }

    private static String fromCauseChain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof SocketTimeoutException || t instanceof SQLTimeoutException) {
                return "timed out";
            }
            if (t instanceof SSLException) {
                return "TLS failed";
            }
            if (t instanceof EOFException || t instanceof SocketException) {
                return "connection lost";
            }
        }
        return null;
    }

    private static String firstSqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
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
