package dev.llmhealth.adapters.probes.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisConnectionSettingsTest {

    private static final String SECRET = "Canary-Redis-Secret-42";

    @Test
    void plain_url_with_defaults() {
        assertEquals(new RedisConnectionSettings("cache", 6379, "", "", false, 0),
                RedisConnectionSettings.fromUrl("redis://cache"));
        assertEquals(new RedisConnectionSettings("localhost", 6380, "", "", false, 0),
                RedisConnectionSettings.fromUrl("redis://localhost:6380/"));
    }

    @Test
    void tls_url_with_user_encoded_password_and_database() {
        assertEquals(new RedisConnectionSettings("cache.example.com", 6380, "default", "s:cr@t", true, 2),
                RedisConnectionSettings.fromUrl("rediss://default:s%3Acr%40t@cache.example.com:6380/2"));
    }

    @Test
    void password_without_user_and_user_without_password() {
        assertEquals(new RedisConnectionSettings("cache", 6379, "", SECRET, false, 0),
                RedisConnectionSettings.fromUrl("redis://:" + SECRET + "@cache:6379"));
        // as redis-py reads it
        assertEquals(new RedisConnectionSettings("cache", 6379, "alice", "", false, 0),
                RedisConnectionSettings.fromUrl("redis://alice@cache:6379"));
    }

    @Test
    void ipv6_host_loses_its_brackets() {
        assertEquals("::1", RedisConnectionSettings.fromUrl("redis://[::1]:6379").host());
    }

    @Test
    void null_credentials_are_empty() {
        var settings = new RedisConnectionSettings("cache", 6379, null, null, false);

        assertEquals("", settings.username());
        assertEquals("", settings.password());
        assertFalse(settings.hasPassword());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://user:" + SECRET + "@cache:6379",
            "redis://user:" + SECRET + "@cache:port",
            "redis://user:" + SECRET + "@cache:0",
            "redis://user:" + SECRET + "@cache:6379/db1",
            "redis://user:" + SECRET + "@:6379"})
    void a_bad_url_is_rejected_naming_the_problem_but_never_the_password(String url) {
        var error = assertThrows(IllegalArgumentException.class, () -> RedisConnectionSettings.fromUrl(url));

        assertTrue(error.getMessage().startsWith("Redis URL "), error.getMessage());
        assertFalse(error.getMessage().contains(SECRET), error.getMessage());
        assertFalse(error.getMessage().contains("Canary"), error.getMessage());
    }

    @Test
    void to_string_hides_the_password() {
        assertFalse(RedisConnectionSettings.fromUrl("redis://:" + SECRET + "@cache").toString().contains(SECRET));
    }
}
