package dev.llmhealth.domain.policy;

import static dev.llmhealth.domain.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.Readiness;
import dev.llmhealth.domain.model.ServiceHealth;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Readiness: router initialized, and the database initialized when there is one; later outages never count. */
class ReadinessPolicyTest {

    static Stream<Arguments> cases() {
        ServiceHealth up = ServiceHealth.connected(1);
        ServiceHealth down = ServiceHealth.disconnected("refused");
        return Stream.of(
                // name, database, db initialized, first round ended, expected word
                Arguments.of("all initialized", up, true, true, "ready"),
                Arguments.of("before the first round ends", up, true, false, "not_ready"),
                Arguments.of("database never reached", down, false, true, "not_ready"),
                Arguments.of("database down after it was initialized stays ready", down, true, true, "ready"),
                Arguments.of("no database configured", ServiceHealth.NOT_CONFIGURED, false, true, "ready"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readiness(String name, ServiceHealth database, boolean dbInitialized, boolean roundEnded, String expected) {
        HealthSnapshot snapshot = new HealthSnapshot(T0, database, dbInitialized, ServiceHealth.NOT_CONFIGURED, 0, List.of(),
                roundEnded ? Optional.of(T0) : Optional.empty());

        Readiness readiness = new ReadinessPolicy().evaluate(snapshot);

        assertEquals(expected, readiness.word());
        assertEquals(dbInitialized, readiness.databaseInitialized());
        assertEquals(roundEnded, readiness.routerInitialized());
    }

    @org.junit.jupiter.api.Test
    void aDrainingReplicaIsNotReadyWhateverElseHolds() {
        HealthSnapshot snapshot = new HealthSnapshot(T0, ServiceHealth.connected(1), true, ServiceHealth.NOT_CONFIGURED, 0, List.of(),
                Optional.of(T0));
        Readiness readiness = new ReadinessPolicy().evaluate(snapshot, true);
        assertEquals("not_ready", readiness.word());
        assertEquals(true, readiness.draining());
        assertEquals("ready", new ReadinessPolicy().evaluate(snapshot, false).word());
    }
}
