package dev.llmhealth.domain.policy;

import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.DeploymentState;
import dev.llmhealth.domain.model.DeploymentUptime;
import dev.llmhealth.domain.model.HealthTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A deployment's uptime over {@code [from, to)} from its recorded transitions: each state holds from
 * its transition until the next one. Before the first transition in the window the state is that
 * transition's {@code from} (unknown when it was {@code unchecked}); with no transition in the window
 * the current verdict has held since its {@code since}. Time whose state is unknown counts neither way.
 */
public final class UptimeCalculation {

    private static final String HEALTHY = DeploymentState.HEALTHY.word();
    private static final String UNHEALTHY = DeploymentState.UNHEALTHY.word();

    private UptimeCalculation() {
    }

    /**
     * @param transitions this deployment's transitions within the window, in any order
     * @param current     its verdict now, if it has one
     */
    public static DeploymentUptime of(String deploymentId, String modelName, Instant from, Instant to,
                                      List<HealthTransition> transitions, Optional<DeploymentHealth> current) {
        List<HealthTransition> oldestFirst = transitions.stream()
                .filter(t -> !t.at().isBefore(from) && t.at().isBefore(to))
                .sorted(Comparator.comparing(HealthTransition::at))
                .toList();
        Optional<String> state;
        Instant cursor;
        if (!oldestFirst.isEmpty()) {
            String before = oldestFirst.getFirst().from();
            state = known(before);
            cursor = from;
        } else if (current.isPresent()) {
            state = Optional.of(current.get().state().word());
            cursor = latest(from, current.get().since());
        } else {
            return new DeploymentUptime(deploymentId, modelName, Duration.ZERO, Duration.ZERO, 0);
        }
        Duration observed = Duration.ZERO;
        Duration down = Duration.ZERO;
        int outages = state.filter(UNHEALTHY::equals).isPresent() ? 1 : 0;
        for (HealthTransition transition : oldestFirst) {
            Duration span = Duration.between(cursor, transition.at());
            if (state.isPresent()) {
                observed = observed.plus(span);
                down = state.get().equals(UNHEALTHY) ? down.plus(span) : down;
            }
            boolean wasDown = state.filter(UNHEALTHY::equals).isPresent();
            state = known(transition.to());
            if (!wasDown && state.filter(UNHEALTHY::equals).isPresent()) {
                outages++;
            }
            cursor = transition.at();
        }
        if (state.isPresent() && cursor.isBefore(to)) {
            Duration span = Duration.between(cursor, to);
            observed = observed.plus(span);
            down = state.get().equals(UNHEALTHY) ? down.plus(span) : down;
        }
        return new DeploymentUptime(deploymentId, modelName, observed, down, outages);
    }

    private static Optional<String> known(String word) {
        return word.equals(HEALTHY) || word.equals(UNHEALTHY) ? Optional.of(word) : Optional.empty();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
