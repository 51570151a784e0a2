package dev.llmhealth.adapters.probes.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresConnectionSettingsTest {

    private static final String SECRET = "Canary-Pg-Secret-987";

    @Test
    void litellm_database_url_becomes_a_jdbc_url_keeping_sslmode() {
        var settings = PostgresConnectionSettings.fromDatabaseUrl(
                "postgresql://llm:p%40ss%2Bw%3Ard@db.example.com:5433/litellm?sslmode=require");

        assertEquals("jdbc:postgresql://db.example.com:5433/litellm?sslmode=require", settings.jdbcUrl());
        assertEquals("llm", settings.user());
        assertEquals("p@ss+w:rd", settings.password());
    }

    @Test
    void postgres_scheme_without_port_and_a_literal_plus_in_the_password() {
        var settings = PostgresConnectionSettings.fromDatabaseUrl("postgres://app:pa+ss@db/proxy");

        assertEquals("jdbc:postgresql://db/proxy", settings.jdbcUrl());
        assertEquals("pa+ss", settings.password());
    }

    @Test
    void an_unencoded_at_sign_in_the_password_is_kept() {
        var settings = PostgresConnectionSettings.fromDatabaseUrl("postgresql://app:p@ss@db:5432/proxy");

        assertEquals("jdbc:postgresql://db:5432/proxy", settings.jdbcUrl());
        assertEquals("p@ss", settings.password());
    }

    @Test
    void jdbc_url_with_credentials_as_parameters_keeps_them_out_of_the_url() {
        var settings = PostgresConnectionSettings.fromDatabaseUrl(
                "jdbc:postgresql://db:5432/proxy?user=app&password=" + SECRET + "&sslmode=verify-full");

        assertEquals("jdbc:postgresql://db:5432/proxy?sslmode=verify-full", settings.jdbcUrl());
        assertEquals("app", settings.user());
        assertEquals(SECRET, settings.password());
    }

    @Test
    void prisma_parameters_are_translated_for_pgjdbc() {
        var settings = PostgresConnectionSettings.fromDatabaseUrl(
                "postgresql://app@db:5432/proxy?schema=litellm&pgbouncer=true&sslmode=prefer");

        assertEquals("jdbc:postgresql://db:5432/proxy?currentSchema=litellm&prepareThreshold=0&sslmode=prefer",
                settings.jdbcUrl());
        assertEquals("", settings.password());
    }

    @Test
    void ipv6_and_several_hosts_pass_through() {
        assertEquals("jdbc:postgresql://[::1]:5432/proxy",
                PostgresConnectionSettings.fromDatabaseUrl("postgresql://u:p@[::1]:5432/proxy").jdbcUrl());
        assertEquals("jdbc:postgresql://a:5432,b:5433/proxy",
                PostgresConnectionSettings.fromDatabaseUrl("postgresql://u:p@a:5432,b:5433/proxy").jdbcUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mysql://app:" + SECRET + "@db:3306/proxy",
            "postgresql://app:" + SECRET + "@db:notaport/proxy",
            "postgresql://app:" + SECRET + "@db:70000/proxy",
            "postgresql://app:" + SECRET + "@/proxy",
            "postgresql://app:" + SECRET + "@:5432/proxy",
            "app:" + SECRET + "@db:5432/proxy"})
    void a_bad_url_is_rejected_naming_the_problem_but_never_the_password(String url) {
        var error = assertThrows(IllegalArgumentException.class, () -> PostgresConnectionSettings.fromDatabaseUrl(url));

        assertTrue(error.getMessage().startsWith("database URL "), error.getMessage());
        assertFalse(error.getMessage().contains(SECRET), error.getMessage());
        assertFalse(error.getMessage().contains("Canary"), error.getMessage());
    }

    @Test
    void an_empty_url_is_rejected() {
        assertEquals("database URL is empty",
                assertThrows(IllegalArgumentException.class, () -> PostgresConnectionSettings.fromDatabaseUrl(" ")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PostgresConnectionSettings.fromDatabaseUrl(null));
    }

    @Test
    void to_string_hides_the_password() {
        var settings = PostgresConnectionSettings.fromDatabaseUrl("postgresql://app:" + SECRET + "@db/proxy");

        assertFalse(settings.toString().contains(SECRET), settings.toString());
    }
}
