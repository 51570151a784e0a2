package dev.llmhealth.domain.policy;

import static dev.llmhealth.domain.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.PassiveHealthSettings;
import dev.llmhealth.domain.model.PassiveHealthState;
import dev.llmhealth.domain.policy.PassiveHealthPolicy.CooledDown;
import dev.llmhealth.domain.policy.PassiveHealthPolicy.Recovered;
import dev.llmhealth.domain.policy.PassiveHealthPolicy.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LiteLLM's rule as a table: calls at given seconds (F a failed call, C a client error, S a
 * success) and what each one decided (- nothing, C5 cooled down for 5 s, R recovered).
 */
class PassiveHealthPolicyTest {

    /** The middle of the jitter range: no jitter, so lengths are exact. */
    private static final double NO_JITTER = 0.5;

    static Stream<Arguments> rule() {
        return Stream.of(
                // allowed_fails, cooldown_time s, max_cooldown_time s, calls, decisions
                Arguments.of(3, 5, 300, "F0 F10 F20 F30", "- - - C5"),
                Arguments.of(3, 5, 300, "F0 F10 F20 F59", "- - - C5"),
                Arguments.of(3, 5, 300, "F0 F10 F20 F60", "- - - -"),
                Arguments.of(3, 5, 300, "F0 F10 F20", "- - -"),
                Arguments.of(3, 5, 300, "C0 C1 C2 C3 C4", "- - - - -"),
                Arguments.of(3, 5, 300, "F0 S1 F2 S3 F4 F5", "- - - - - C5"),
                Arguments.of(0, 5, 300, "F0", "C5"),
                // calls ending inside the cooldown neither extend it nor end it
                Arguments.of(3, 5, 300, "F0 F1 F2 F3 F4 S5 F7", "- - - C5 - - -"),
                // the first call after the cooldown decides
                Arguments.of(3, 5, 300, "F0 F1 F2 F3 S8", "- - - C5 R"),
                Arguments.of(3, 5, 300, "F0 F1 F2 F3 F8", "- - - C5 C10"),
                Arguments.of(3, 5, 300, "F0 F1 F2 F3 F8 F18 F38", "- - - C5 C10 C20 C40"),
                Arguments.of(0, 20, 50, "F0 F20 F60 F110", "C20 C40 C50 C50"),
                // a recovery starts the backoff afresh
                Arguments.of(0, 10, 300, "F0 S10 F11", "C10 R C10"),
                // failures that aged out of the window do not take it out again after a long cooldown
                Arguments.of(3, 100, 300, "F0 F1 F2 F3 F103", "- - - C100 -"));
    }

    @ParameterizedTest(name = "allowed_fails {0}, cooldown {1} s (max {2} s): {3} gives {4}")
    @MethodSource("rule")
    void moreThanAllowedFailsWithinAMinuteCoolsADeploymentDown(int allowedFails, int cooldownSeconds, int maxCooldownSeconds,
                                                               String calls, String expected) {
        PassiveHealthPolicy policy = new PassiveHealthPolicy(settings(allowedFails, cooldownSeconds, maxCooldownSeconds), () -> NO_JITTER);
        assertEquals(expected, String.join(" ", decisions(policy, calls)));
    }

    @Test
    void whenTurnedOffTrafficNeverTakesADeploymentOut() {
        PassiveHealthPolicy policy = new PassiveHealthPolicy(PassiveHealthSettings.defaults().disabled(), () -> NO_JITTER);
        assertEquals("- - - - - -", String.join(" ", decisions(policy, "F0 F1 F2 F3 F4 F5")));
    }

    @Test
    void aDeploymentTakesNoTrafficUntilItsCooldownEnds() {
        PassiveHealthPolicy policy = new PassiveHealthPolicy(PassiveHealthSettings.defaults(), () -> NO_JITTER);
        PassiveHealthState state = PassiveHealthState.CLEAN;
        for (int second = 0; second < 4; second++) {
            state = policy.afterFailure(state, ErrorKind.SERVER_ERROR, at(second)).state();
        }
        assertTrue(policy.coolingDown(state, at(3)));
        assertTrue(policy.coolingDown(state, at(7)));
        assertFalse(policy.coolingDown(state, at(8)), "the cooldown of 5 s started at 3 s");
        assertTrue(state.takenOut(), "out of rotation until a call or a probe shows it healthy");
        assertFalse(policy.afterProbeRecovery().takenOut());
    }

    @Test
    void repeatedCooldownsAreJitteredByUpToTenPercentAndNeverPassTheCap() {
        PassiveHealthSettings settings = settings(0, 10, 300);
        assertEquals(Duration.ofSeconds(18), new PassiveHealthPolicy(settings, () -> 0.0).cooldownLength(2));
        assertEquals(Duration.ofSeconds(22), new PassiveHealthPolicy(settings, () -> 1.0).cooldownLength(2));
        assertEquals(Duration.ofSeconds(10), new PassiveHealthPolicy(settings, () -> 0.0).cooldownLength(1), "the first one is exact");
        assertEquals(Duration.ofSeconds(300), new PassiveHealthPolicy(settings, () -> 1.0).cooldownLength(40));
    }

    private static List<String> decisions(PassiveHealthPolicy policy, String calls) {
        PassiveHealthState state = PassiveHealthState.CLEAN;
        List<String> decisions = new ArrayList<>();
        for (String call : calls.split(" ")) {
            Instant now = at(Integer.parseInt(call.substring(1)));
            Step step = switch (call.charAt(0)) {
                case 'F' -> policy.afterFailure(state, ErrorKind.SERVER_ERROR, now);
                case 'C' -> policy.afterFailure(state, ErrorKind.HTTP_ERROR, now);
                case 'S' -> policy.afterSuccess(state, now);
                default -> throw new IllegalArgumentException(call);
            };
            state = step.state();
            decisions.add(switch (step.decision()) {
                case CooledDown cooledDown -> "C" + cooledDown.length().toSeconds();
                case Recovered recovered -> "R";
                default -> "-";
            });
        }
        return decisions;
    }

    private static PassiveHealthSettings settings(int allowedFails, int cooldownSeconds, int maxCooldownSeconds) {
        return new PassiveHealthSettings(true, allowedFails, Duration.ofSeconds(60), Duration.ofSeconds(cooldownSeconds),
                Duration.ofSeconds(maxCooldownSeconds));
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }
}
