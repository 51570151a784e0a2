package dev.llmhealth.domain.policy;

import static dev.llmhealth.domain.Fixtures.T0;
import static dev.llmhealth.domain.Fixtures.healthy;
import static dev.llmhealth.domain.Fixtures.unhealthy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.HealthStatus;
import dev.llmhealth.domain.model.ProxyHealth;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.model.ServiceName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The proxy's status, as a table of the spec's cases. */
class AggregationPolicyTest {

    private static final ServiceHealth UP = ServiceHealth.connected(1.5);
    private static final ServiceHealth DOWN = ServiceHealth.disconnected("connection refused");
    private static final ServiceHealth NONE = ServiceHealth.NOT_CONFIGURED;
    private static final Duration STALLED_AFTER = Duration.ofSeconds(100);
    private static final Set<ServiceName> DB_REQUIRED = Set.of(ServiceName.DATABASE);
    private static final Set<ServiceName> DB_AND_REDIS_REQUIRED = Set.of(ServiceName.DATABASE, ServiceName.REDIS);

    static Stream<Arguments> cases() {
        List<DeploymentHealth> twoHealthyOneNot = List.of(healthy("a", "gpt-4"), healthy("b", "claude-2"), unhealthy("c", "broken"));
        List<DeploymentHealth> allUnhealthy = List.of(unhealthy("a", "gpt-4"), unhealthy("b", "claude-2"));
        List<DeploymentHealth> oneGroupDead = List.of(healthy("a", "gpt-4"), unhealthy("b", "claude-2"), unhealthy("c", "claude-2"));
        return Stream.of(
                // name, required, db, redis, deployments, seconds since last round, expected status, expected reasons
                Arguments.of("everything up", DB_REQUIRED, UP, UP, twoHealthyOneNot, 1, HealthStatus.HEALTHY, List.of()),
                Arguments.of("database down is unhealthy", DB_REQUIRED, DOWN, UP, twoHealthyOneNot, 1, HealthStatus.UNHEALTHY, List.of("database disconnected")),
                Arguments.of("redis down is reported, not required by default", DB_REQUIRED, UP, DOWN, twoHealthyOneNot, 1, HealthStatus.HEALTHY, List.of()),
                Arguments.of("redis down when required", DB_AND_REDIS_REQUIRED, UP, DOWN, twoHealthyOneNot, 1, HealthStatus.UNHEALTHY, List.of("redis disconnected")),
                Arguments.of("no database configured never fails", DB_REQUIRED, NONE, NONE, twoHealthyOneNot, 1, HealthStatus.HEALTHY, List.of()),
                Arguments.of("no deployment configured never fails", DB_REQUIRED, UP, UP, List.of(), 1, HealthStatus.HEALTHY, List.of()),
                Arguments.of("no healthy deployment is unhealthy", DB_REQUIRED, UP, UP, allUnhealthy, 1, HealthStatus.UNHEALTHY, List.of("no healthy deployment")),
                Arguments.of("one dead model group alone stays healthy", DB_REQUIRED, UP, UP, oneGroupDead, 1, HealthStatus.HEALTHY, List.of()),
                Arguments.of("stalled checks are unhealthy", DB_REQUIRED, UP, UP, twoHealthyOneNot, 101, HealthStatus.UNHEALTHY, List.of("health checks stalled")),
                Arguments.of("every reason is given", DB_REQUIRED, DOWN, UP, allUnhealthy, 101, HealthStatus.UNHEALTHY,
                        List.of("database disconnected", "no healthy deployment", "health checks stalled")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void proxyStatus(String name, Set<ServiceName> required, ServiceHealth db, ServiceHealth redis, List<DeploymentHealth> deployments,
                     int secondsSinceRound, HealthStatus expected, List<String> expectedReasons) {
        HealthSnapshot snapshot = new HealthSnapshot(T0, db, true, redis, deployments.size(), deployments, Optional.of(T0));
        Instant now = T0.plusSeconds(secondsSinceRound);

        ProxyHealth health = new AggregationPolicy(required, STALLED_AFTER).evaluate(snapshot, T0, now);

        assertEquals(expected, health.status());
        assertEquals(expectedReasons, health.reasons());
        assertEquals(deployments.stream().filter(DeploymentHealth::isHealthy).count(), health.healthy().size());
        assertEquals(deployments.stream().filter(d -> !d.isHealthy()).count(), health.unhealthy().size());
    }

    @ParameterizedTest(name = "before the first round, {0} s after start: stalled={1}")
    @MethodSource("beforeFirstRound")
    void stallBeforeTheFirstRoundCountsFromStart(int secondsSinceStart, boolean stalled) {
        HealthSnapshot snapshot = HealthSnapshot.initial(T0, false, false, 3);
        assertEquals(stalled, new AggregationPolicy(DB_REQUIRED, STALLED_AFTER).stalled(snapshot, T0, T0.plusSeconds(secondsSinceStart)));
    }

    static Stream<Arguments> beforeFirstRound() {
        return Stream.of(Arguments.of(0, false), Arguments.of(100, false), Arguments.of(101, true));
    }
}
