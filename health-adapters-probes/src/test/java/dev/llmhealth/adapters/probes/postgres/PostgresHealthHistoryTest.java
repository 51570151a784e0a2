package dev.llmhealth.adapters.probes.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.adapters.probes.testing.Eventually;
import dev.llmhealth.adapters.probes.testing.TcpFaultProxy;
import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.model.HistoryAnswer;
import dev.llmhealth.domain.model.HistoryQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The history in the real PostgreSQL from {@link TestServices}; each test writes under a model name of its own. */
class PostgresHealthHistoryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration WRITTEN_WITHIN = Duration.ofSeconds(30);

    private final TestServices.Postgres postgres = TestServices.postgres();
    private final String model = "model-" + UUID.randomUUID();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void schema() {
        try (PostgresDatabaseProbe probe = new PostgresDatabaseProbe(
                PostgresConnectionSettings.fromDatabaseUrl(TestServices.postgres().databaseUrl()))) {
            assertTrue(probe.ensureInitialized(Duration.ofSeconds(20)), "schema applied");
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private PostgresHealthHistory history(String databaseUrl, int capacity) {
        PostgresHealthHistory history = new PostgresHealthHistory(PostgresConnectionSettings.fromDatabaseUrl(databaseUrl), capacity,
                TIMEOUT, Duration.ofDays(30), Clock.systemUTC());
        toClose.add(history);
        return history;
    }

    private HealthTransition transition(int n, String to) {
        return new HealthTransition(HealthTransition.SubjectKind.DEPLOYMENT, "dep-" + n, Optional.of(model), "healthy", to,
                to.equals("unhealthy") ? Optional.of("HTTP 500 from upstream") : Optional.empty(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(n), "replica-1");
    }

    private List<HealthTransition> query(PostgresHealthHistory history, Optional<Instant> since, int limit) {
        return assertInstanceOf(HistoryAnswer.Found.class, history.query(new HistoryQuery(Optional.of(model), since, limit)))
                .transitions();
    }

    @Test
    void transitions_are_written_and_answered_newest_first_with_filters() {
        PostgresHealthHistory history = history(postgres.databaseUrl(), 100);
        List<HealthTransition> recorded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HealthTransition t = transition(i, i % 2 == 0 ? "unhealthy" : "healthy");
            recorded.add(t);
            history.record(t);
        }
        Eventually.poll(WRITTEN_WITHIN, history::written, written -> written >= 5);

        assertEquals(recorded.reversed(), query(history, Optional.empty(), 100));
        assertEquals(recorded.reversed().subList(0, 2), query(history, Optional.empty(), 2));
        assertEquals(recorded.reversed().subList(0, 3), query(history, Optional.of(recorded.get(2).at()), 100));
        assertEquals(0, history.pending());
    }

    @Test
    void transitions_wait_in_memory_while_the_database_is_down_and_none_is_lost() throws Exception {
        TcpFaultProxy proxy = new TcpFaultProxy(postgres.host(), postgres.port());
        toClose.add(proxy);
        PostgresHealthHistory history = history(postgres.databaseUrlVia(proxy.host(), proxy.port()), 100);
        history.record(transition(0, "unhealthy"));
        Eventually.poll(WRITTEN_WITHIN, history::written, written -> written == 1);

        proxy.setMode(TcpFaultProxy.Mode.FREEZE);
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            for (int i = 1; i <= 50; i++) {
                history.record(transition(i, i % 2 == 0 ? "unhealthy" : "healthy"));
            }
        }, "recording never waits on the database");
        assertInstanceOf(HistoryAnswer.Unavailable.class, history.query(new HistoryQuery(Optional.of(model), Optional.empty(), 10)));
        assertTrue(history.pending() > 0, "waiting: " + history.pending());

        proxy.setMode(TcpFaultProxy.Mode.PASS);
        Eventually.poll(WRITTEN_WITHIN.multipliedBy(2), history::written, written -> written == 51);
        assertEquals(51, query(history, Optional.empty(), 1000).size());
        assertEquals(0, history.dropped());
    }

    @Test
    void beyond_the_buffer_transitions_are_dropped_and_counted() throws Exception {
        TcpFaultProxy proxy = new TcpFaultProxy(postgres.host(), postgres.port());
        toClose.add(proxy);
        proxy.setMode(TcpFaultProxy.Mode.REFUSE);
        PostgresHealthHistory history = history(postgres.databaseUrlVia(proxy.host(), proxy.port()), 10);
        for (int i = 0; i < 30; i++) {
            history.record(transition(i, "unhealthy"));
        }
        // the writer holds up to one batch of the first ten; everything past the buffer is counted
        assertTrue(history.dropped() >= 10 && history.dropped() <= 20, "dropped " + history.dropped());
        assertEquals(30, history.dropped() + history.pending(), "each one either waits or is counted as dropped");

        proxy.setMode(TcpFaultProxy.Mode.PASS);
        Eventually.poll(WRITTEN_WITHIN.multipliedBy(2), history::written, written -> written == 30 - history.dropped());
        assertEquals(30 - history.dropped(), query(history, Optional.empty(), 1000).size());
    }
}
