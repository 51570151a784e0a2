package dev.llmhealth.domain.policy;

import static dev.llmhealth.domain.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.Fixtures;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.DeploymentState;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.EvidenceSource;
import dev.llmhealth.domain.model.ProbeResult;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Envoy-style thresholds: a sequence of check outcomes and the state after each. */
class FlapDampingTest {

    private static final Deployment GPT4 = Fixtures.deployment("a", "gpt-4");
    private static final ProbeResult PASS = ProbeResult.healthy(Duration.ofMillis(5));
    private static final ProbeResult FAIL = ProbeResult.unhealthy(ErrorKind.SERVER_ERROR, "HTTP 500 from upstream");
    private static final ProbeResult BUSY = ProbeResult.unhealthy(ErrorKind.RATE_LIMITED, "HTTP 429: rate limited");

    static Stream<Arguments> sequences() {
        return Stream.of(
                // unhealthy threshold, healthy threshold, outcomes (P pass, F fail), states after each (H, U)
                Arguments.of(1, 1, "PFP", "HUH"),
                Arguments.of(1, 1, "FFP", "UUH"),
                Arguments.of(3, 1, "PFFFP", "HHHUH"),
                Arguments.of(3, 1, "PFFPFF", "HHHHHH"),
                Arguments.of(1, 2, "FPFPP", "UUUUH"),
                Arguments.of(2, 2, "PFFPPFP", "HHUUHHH"));
    }

    @ParameterizedTest(name = "thresholds {0}/{1}: {2} gives {3}")
    @MethodSource("sequences")
    void stateChangesOnlyAfterThresholdOutcomesInARow(int unhealthyThreshold, int healthyThreshold, String outcomes, String states) {
        FlapDamping damping = new FlapDamping(unhealthyThreshold, healthyThreshold, false);
        Optional<DeploymentHealth> current = Optional.empty();
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < outcomes.length(); i++) {
            ProbeResult result = outcomes.charAt(i) == 'P' ? PASS : FAIL;
            current = Optional.of(damping.apply(current, GPT4, result, T0.plusSeconds(i)));
            seen.append(current.get().state() == DeploymentState.HEALTHY ? 'H' : 'U');
        }
        assertEquals(states, seen.toString());
    }

    @Test
    void anUnhealthyDeploymentSaysWhyAndSinceWhen() {
        FlapDamping damping = new FlapDamping(1, 1, false);
        DeploymentHealth first = damping.apply(Optional.empty(), GPT4, PASS, T0);
        DeploymentHealth failed = damping.apply(Optional.of(first), GPT4, FAIL, T0.plusSeconds(10));
        DeploymentHealth stillFailing = damping.apply(Optional.of(failed), GPT4, FAIL, T0.plusSeconds(20));

        assertEquals(Optional.of("HTTP 500 from upstream"), stillFailing.error());
        assertEquals(T0.plusSeconds(10), stillFailing.since());
        assertEquals(T0.plusSeconds(20), stillFailing.lastCheck());
        assertEquals(Optional.of(T0), stillFailing.lastSuccess());
        assertEquals(2, stillFailing.consecutiveFailures());
        assertEquals(EvidenceSource.PROBE, stillFailing.source());
    }

    @Test
    void rateLimitedIsUnhealthyByDefaultAsInLiteLlm() {
        DeploymentHealth verdict = new FlapDamping(1, 1, false).apply(Optional.empty(), GPT4, BUSY, T0);
        assertEquals(DeploymentState.UNHEALTHY, verdict.state());
    }

    @Test
    void rateLimitedIsHealthyWithAWarningWhenTransientErrorsAreIgnored() {
        DeploymentHealth verdict = new FlapDamping(1, 1, true).apply(Optional.empty(), GPT4, BUSY, T0);
        assertEquals(DeploymentState.HEALTHY, verdict.state());
        assertEquals(Optional.of("HTTP 429: rate limited"), verdict.warning());
        assertTrue(verdict.error().isEmpty());
    }

    @Test
    void aDeploymentThatIsNeverProbedIsAssumedHealthy() {
        DeploymentHealth verdict = new FlapDamping(1, 1, false).assumed(Optional.empty(), GPT4, T0);
        assertEquals(DeploymentState.HEALTHY, verdict.state());
        assertEquals(EvidenceSource.ASSUMED, verdict.source());
    }
}
