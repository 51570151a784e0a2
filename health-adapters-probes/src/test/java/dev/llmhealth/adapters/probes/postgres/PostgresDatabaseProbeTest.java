package dev.llmhealth.adapters.probes.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.adapters.probes.testing.Eventually;
import dev.llmhealth.adapters.probes.testing.TcpFaultProxy;
import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.domain.model.ServiceHealth;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Against the real PostgreSQL from {@link TestServices}; faults come from a proxy in between. */
class PostgresDatabaseProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(20);
    private static final String SECRET = "Canary-Pg-Secret-987";

    private final TestServices.Postgres postgres = TestServices.postgres();
    /** Each test's tables go to a schema of its own, so runs never see each other's tables. */
    private final String schema = "probe_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void createSchema() throws SQLException {
        sql("create schema " + schema);
    }

    @AfterEach
    void dropSchema() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
        sql("drop schema if exists " + schema + " cascade");
    }

    @Test
    void the_real_database_is_connected_with_its_latency() {
        ServiceHealth health = probe(postgres.databaseUrl()).check(TIMEOUT);

        var connected = assertInstanceOf(ServiceHealth.Connected.class, health);
        assertTrue(connected.latencyMs() >= 0, health.toString());
    }

    @Test
    void ensure_initialized_creates_both_tables_and_can_run_again() throws SQLException {
        PostgresDatabaseProbe probe = probe(inSchema(postgres.databaseUrl()));

        assertTrue(probe.ensureInitialized(TIMEOUT.multipliedBy(10)));
        assertTrue(probe.ensureInitialized(TIMEOUT.multipliedBy(10)));

        assertSchemaApplied();
    }

    @Test
    void ensure_initialized_from_two_instances_at_once_succeeds_for_both() throws Exception {
        PostgresDatabaseProbe first = probe(inSchema(postgres.databaseUrl()));
        PostgresDatabaseProbe second = probe(inSchema(postgres.databaseUrl()));
        CyclicBarrier start = new CyclicBarrier(2);
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            var a = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> first.ensureInitialized(TIMEOUT.multipliedBy(10))), replicas);
            var b = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> second.ensureInitialized(TIMEOUT.multipliedBy(10))), replicas);

            assertTrue(a.get());
            assertTrue(b.get());
        }
        assertSchemaApplied();
    }

    @ParameterizedTest
    @EnumSource(value = TcpFaultProxy.Mode.class, names = {"FREEZE", "DROP", "REFUSE"})
    void a_faulty_server_is_disconnected_within_the_timeout_and_connected_again_after(TcpFaultProxy.Mode fault) throws Exception {
        TcpFaultProxy proxy = closeLater(new TcpFaultProxy(postgres.host(), postgres.port()));
        PostgresDatabaseProbe probe = probe(postgres.databaseUrlVia(proxy.host(), proxy.port()));
        awaitConnected(probe);

        proxy.setMode(fault);
        // twice: once on the pooled connection, once on a new one
        for (int attempt = 0; attempt < 2; attempt++) {
            long start = System.nanoTime();
            ServiceHealth health = assertTimeoutPreemptively(TIMEOUT.multipliedBy(3), () -> probe.check(TIMEOUT));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertInstanceOf(ServiceHealth.Disconnected.class, health, fault + ": " + health);
            assertTrue(took.compareTo(TIMEOUT.plusSeconds(1)) <= 0, fault + " took " + took.toMillis() + " ms");
        }
        assertFalse(assertTimeoutPreemptively(TIMEOUT.multipliedBy(3), () -> probe.ensureInitialized(TIMEOUT)));

        proxy.setMode(TcpFaultProxy.Mode.PASS);
        awaitConnected(probe);
    }

    @Test
    void wrong_credentials_report_authentication_failed_and_never_the_password() {
        String url = "postgresql://no_such_role_probe_test:" + SECRET + "@" + postgres.host() + ":" + postgres.port()
                + "/" + postgres.database();
        PostgresDatabaseProbe probe = probe(url);

        var health = assertInstanceOf(ServiceHealth.Disconnected.class, probe.check(TIMEOUT));

        assertEquals("authentication failed", health.error());
        assertFalse(health.error().contains(SECRET));
        assertFalse(probe.ensureInitialized(TIMEOUT));
    }

    @Test
    void a_missing_database_is_reported_as_such() {
        String url = postgres.databaseUrl().replaceFirst("/" + postgres.database() + "$", "/no_such_database_probe_test");

        var health = assertInstanceOf(ServiceHealth.Disconnected.class, probe(url).check(TIMEOUT));

        assertEquals("database does not exist", health.error());
    }

    @Test
    void a_closed_port_is_connection_refused() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ServiceHealth health = assertTimeoutPreemptively(TIMEOUT.multipliedBy(3),
                () -> probe("postgresql://postgres:" + SECRET + "@127.0.0.1:" + closedPort + "/test").check(TIMEOUT));

        assertEquals(ServiceHealth.disconnected("connection refused"), health);
    }

    @Test
    void a_closed_probe_reports_so_without_throwing() {
        PostgresDatabaseProbe probe = probe(postgres.databaseUrl());
        probe.close();

        assertEquals(ServiceHealth.disconnected("probe closed"), probe.check(TIMEOUT));
    }

    private void assertSchemaApplied() throws SQLException {
        assertEquals(List.of("litellm_health_schema_version", "litellm_health_transitions"),
                strings("select table_name from information_schema.tables where table_schema = '" + schema + "' order by 1"));
        assertEquals(List.of("id", "subject_kind", "subject", "model_name", "from_state", "to_state", "error", "at", "replica",
                        "transition_key"),
                strings("select column_name from information_schema.columns where table_schema = '" + schema
                        + "' and table_name = 'litellm_health_transitions' order by ordinal_position"));
        assertEquals(List.of("litellm_health_transitions_subject_at_idx"),
                strings("select indexname from pg_indexes where schemaname = '" + schema
                        + "' and indexname like '%subject_at%'"));
        assertEquals(List.of("litellm_health_transitions_at_idx", "litellm_health_transitions_key_idx"),
                strings("select indexname from pg_indexes where schemaname = '" + schema
                        + "' and indexname in ('litellm_health_transitions_at_idx', 'litellm_health_transitions_key_idx') order by 1"));
        assertEquals(List.of("2"), strings("select version from " + schema + ".litellm_health_schema_version"));
    }

    private PostgresDatabaseProbe probe(String databaseUrl) {
        return closeLater(new PostgresDatabaseProbe(PostgresConnectionSettings.fromDatabaseUrl(databaseUrl)));
    }

    private String inSchema(String databaseUrl) {
        // Prisma's parameter, as LiteLLM's DATABASE_URL carries it
        return databaseUrl + "?schema=" + schema;
    }

    private static void awaitConnected(PostgresDatabaseProbe probe) {
        Eventually.poll(RECOVERY_DEADLINE, () -> probe.check(TIMEOUT), ServiceHealth.Connected.class::isInstance);
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private static <T> T awaitThen(CyclicBarrier barrier, java.util.function.Supplier<T> action) {
        try {
            barrier.await();
        } catch (Exception interrupted) {
            throw new IllegalStateException(interrupted);
        }
        return action.get();
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = connect()) {
            connection.createStatement().execute(statement);
        }
    }

    private List<String> strings(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(); ResultSet rows = connection.createStatement().executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }
}
