package dev.llmhealth.adapters.probes.postgres;

import dev.llmhealth.adapters.probes.support.ConnectionUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the database is and how to log in. The password is kept out of the JDBC URL (so pool and
 * driver logs never see it) and out of {@link #toString()}.
 *
 * @param jdbcUrl  {@code jdbc:postgresql://...}, query parameters such as {@code sslmode} kept
 * @param user     empty when the URL names none
 * @param password empty when the URL holds none
 */
public record PostgresConnectionSettings(String jdbcUrl, String user, String password) {

    private static final String WHAT = "database URL";
    private static final List<String> SCHEMES = List.of("jdbc:postgresql://", "postgresql://", "postgres://");

    public PostgresConnectionSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /**
     * Reads LiteLLM's {@code DATABASE_URL} ({@code postgresql://user:pass@host:port/db?sslmode=require},
     * also {@code postgres://}) or a {@code jdbc:postgresql://} URL. Credentials are percent-decoded;
     * {@code user}/{@code password} query parameters are taken as credentials too. Prisma's
     * {@code schema} becomes pgjdbc's {@code currentSchema}, and {@code pgbouncer=true} turns off
     * server-side prepared statements, which PgBouncer's transaction pooling breaks.
     *
     * @throws IllegalArgumentException naming the problem, never quoting the URL (it holds the password)
     */
    public static PostgresConnectionSettings fromDatabaseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(WHAT + " is empty");
        }
        String trimmed = url.strip();
        String scheme = SCHEMES.stream()
                .filter(prefix -> trimmed.regionMatches(true, 0, prefix, 0, prefix.length()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        WHAT + " must start with postgresql://, postgres:// or jdbc:postgresql://"));
        ConnectionUrl parts = ConnectionUrl.parse(trimmed.substring(scheme.length()), WHAT);
        requireValidPorts(parts.hosts());

        String user = parts.user();
        String password = parts.password();
        List<String> params = new ArrayList<>();
        for (String param : parts.query().split("&")) {
            int eq = param.indexOf('=');
            String key = (eq >= 0 ? param.substring(0, eq) : param).toLowerCase(Locale.ROOT);
            String value = eq >= 0 ? param.substring(eq + 1) : "";
            switch (key) {
                case "" -> { }
                case "user" -> user = ConnectionUrl.percentDecode(value);
                case "password" -> password = ConnectionUrl.percentDecode(value);
                case "schema" -> params.add("currentSchema=" + value);
                case "pgbouncer" -> params.add("true".equalsIgnoreCase(value) ? "prepareThreshold=0" : param);
                default -> params.add(param);
            }
        }
        String jdbcUrl = "jdbc:postgresql://" + parts.hosts() + "/" + parts.path()
                + (params.isEmpty() ? "" : "?" + String.join("&", params));
        return new PostgresConnectionSettings(jdbcUrl, user, password);
    }

    private static void requireValidPorts(String hosts) {
        for (String hostPort : hosts.split(",")) {
            String[] split = ConnectionUrl.splitHostPort(hostPort);
            if (split[0].isBlank()) {
                throw new IllegalArgumentException(WHAT + " has an empty host");
            }
            if (!split[1].isEmpty() && ConnectionUrl.parsePort(split[1]) < 0) {
                throw new IllegalArgumentException(WHAT + " has an invalid port (expected 1-65535)");
            }
        }
    }

    @Override
    public String toString() {
        return "PostgresConnectionSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password="
                + (password.isEmpty() ? "" : "***") + "]";
    }
}
