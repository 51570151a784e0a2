package dev.llmhealth.adapters.probes.redis;

import dev.llmhealth.adapters.probes.support.ConnectionUrl;

/**
 * Where Redis is and how to log in; {@link #toString()} never shows the password.
 *
 * @param username empty for the default user (a null is taken as empty)
 * @param password empty when Redis needs none (a null is taken as empty)
 * @param ssl      TLS ({@code rediss://})
 * @param database the logical database index ({@code /db} in a URL), 0 by default
 */
public record RedisConnectionSettings(String host, int port, String username, String password, boolean ssl, int database) {

    public static final int DEFAULT_PORT = 6379;
    private static final String WHAT = "Redis URL";

    public RedisConnectionSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("Redis host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Redis port must be between 1 and 65535, got " + port);
        }
        if (database < 0) {
            throw new IllegalArgumentException("Redis database must not be negative, got " + database);
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    public RedisConnectionSettings(String host, int port, String username, String password, boolean ssl) {
        this(host, port, username, password, ssl, 0);
    }

    /**
     * Reads {@code redis://[[user]:password@]host[:port][/db]} or {@code rediss://...} (TLS), as
     * LiteLLM's {@code REDIS_URL}. Credentials are percent-decoded; a user without a colon is a
     * user name, as in redis-py.
     *
     * @throws IllegalArgumentException naming the problem, never quoting the URL (it may hold the password)
     */
    public static RedisConnectionSettings fromUrl(String redisUrl) {
        if (redisUrl == null || redisUrl.isBlank()) {
            throw new IllegalArgumentException(WHAT + " is empty");
        }
        String url = redisUrl.strip();
        boolean ssl = url.regionMatches(true, 0, "rediss://", 0, "rediss://".length());
        if (!ssl && !url.regionMatches(true, 0, "redis://", 0, "redis://".length())) {
            throw new IllegalArgumentException(WHAT + " must start with redis:// or rediss://");
        }
        ConnectionUrl parts = ConnectionUrl.parse(url.substring(url.indexOf("://") + 3), WHAT);

        String[] hostPort = ConnectionUrl.splitHostPort(parts.hosts());
        String host = stripBrackets(hostPort[0]);
        if (host.isBlank()) {
            throw new IllegalArgumentException(WHAT + " has no host");
        }
        int port = hostPort[1].isEmpty() ? DEFAULT_PORT : ConnectionUrl.parsePort(hostPort[1]);
        if (port < 0) {
            throw new IllegalArgumentException(WHAT + " has an invalid port (expected 1-65535)");
        }
        return new RedisConnectionSettings(host, port, parts.user(), parts.password(), ssl, database(parts.path()));
    }

    private static int database(String path) {
        if (path.isEmpty()) {
            return 0;
        }
        if (path.length() > 6 || !path.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(WHAT + " has an invalid database number (expected /0, /1, ...)");
        }
        return Integer.parseInt(path);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    public boolean hasPassword() {
        return !password.isEmpty();
    }

    @Override
    public String toString() {
        return "RedisConnectionSettings[host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (hasPassword() ? "***" : "") + ", ssl=" + ssl + ", database=" + database + "]";
    }
}
