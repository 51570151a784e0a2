package dev.llmhealth.app.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where Redis is: {@code REDIS_URL}, or {@code REDIS_HOST}/{@code REDIS_PORT}/{@code REDIS_PASSWORD},
 * or LiteLLM's {@code router_settings.redis_host/redis_port/redis_password}. The environment wins.
 */
final class RedisSettingsReader {

    private final Map<String, String> environment;
    private final List<String> warnings;

    RedisSettingsReader(Map<String, String> environment, List<String> warnings) {
        this.environment = environment;
        this.warnings = warnings;
    }

    /**
     * What LiteLLM's docs write where a value goes: {@code <your redis host>}, {@code your_redis_host}. A real host may
     * start with "your" ({@code yourapp-redis.example.com}), so only the underscore form counts (no host name has one).
     */
    static boolean isPlaceholder(String value) {
        String text = value.strip();
        return text.startsWith("<") || text.endsWith(">") || text.contains(" ") || text.toLowerCase(java.util.Locale.ROOT).startsWith("your_");
    }

    Optional<ProxyConfig.RedisTarget> read(ConfigNode router) {
        Optional<String> url = env("REDIS_URL").or(() -> router.child("redis_url").optionalString());
        if (url.isPresent()) {
            return Optional.of(fromUrl(env("REDIS_URL").isPresent() ? "REDIS_URL" : router.child("redis_url").path(), url.get()));
        }
        Optional<String> host = env("REDIS_HOST").or(() -> router.child("redis_host").optionalString());
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String hostKey = env("REDIS_HOST").isPresent() ? "REDIS_HOST" : router.child("redis_host").path();
        ConfigNode portNode = router.child("redis_port");
        if (isPlaceholder(host.get()) || (env("REDIS_PORT").isEmpty() && portNode.optionalString().filter(RedisSettingsReader::isPlaceholder).isPresent())) {
            // a docs placeholder LiteLLM would start with: Redis is then down, never "connected"
            String key = isPlaceholder(host.get()) ? hostKey : portNode.path();
            warnings.add(key + " is a placeholder, not a " + (key.equals(hostKey) ? "host name" : "port")
                    + ": Redis is reported disconnected until it is set");
            return Optional.of(new ProxyConfig.RedisTarget("unset.invalid", 6379, Optional.empty(), Optional.empty(), false, 0,
                    Optional.of(key + " is a placeholder")));
        }
        int port = env("REDIS_PORT").map(p -> parsePort("REDIS_PORT", p))
                .orElseGet(() -> portNode.intOr(6379, 1, 65535));
        Optional<String> password = env("REDIS_PASSWORD").or(() -> router.child("redis_password").optionalString());
        Optional<String> username = env("REDIS_USERNAME").or(() -> router.child("redis_username").optionalString());
        boolean ssl = env("REDIS_SSL").map(Boolean::parseBoolean).orElse(false);
        return Optional.of(new ProxyConfig.RedisTarget(host.get(), port, username, password, ssl));
    }

    private static ProxyConfig.RedisTarget fromUrl(String key, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException invalid) {
            throw new ConfigException(key, "is not a valid redis:// URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!(scheme.equals("redis") || scheme.equals("rediss")) || uri.getHost() == null) {
            throw new ConfigException(key, "must look like redis://[user:password@]host:port");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new ConfigException(key, "has an invalid port (expected 1-65535)");
        }
        Optional<String> username = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            String user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            username = user.isEmpty() ? Optional.empty() : Optional.of(user);
            password = parts.length == 2 ? Optional.of(URLDecoder.decode(parts[1], StandardCharsets.UTF_8)) : Optional.empty();
        }
        return new ProxyConfig.RedisTarget(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort(), username, password,
                scheme.equals("rediss"), database(key, uri.getPath()));
    }

    /** The logical database of {@code redis://host:6379/2}; 0 when the URL names none. */
    private static int database(String key, String path) {
        String number = path == null ? "" : path.replaceFirst("^/", "");
        if (number.isEmpty()) {
            return 0;
        }
        if (number.length() > 6 || !number.chars().allMatch(Character::isDigit)) {
            throw new ConfigException(key, "has an invalid database number (expected /0, /1, ...)");
        }
        return Integer.parseInt(number);
    }

    private static int parsePort(String key, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // fall through to the error
        }
        throw new ConfigException(key, "must be a port number between 1 and 65535");
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }
}
