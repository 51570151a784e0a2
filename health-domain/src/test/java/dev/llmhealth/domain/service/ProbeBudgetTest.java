package dev.llmhealth.domain.service;

import dev.llmhealth.domain.ManualClock;
import static dev.llmhealth.domain.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.port.out.ModelProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@code health_check_daily_budget}: completion probes become models probes once the UTC day's probe spend reaches it. */
class ProbeBudgetTest {

    private static final Deployment PAID = new Deployment("paid", "gpt-4", "http://a:1/v1", ProbeMode.COMPLETION);
    private static final Deployment LISTED = new Deployment("listed", "gpt-4", "http://a:2/v1", ProbeMode.MODELS);


    /** One step: at this time, a completion probe that costs this much; then what mode the next probe of PAID uses. */
    private record Step(String when, double cost, ProbeMode nextMode) {
    }

    @Test
    void completionProbesFallBackToModelsModeUntilTheNextUtcDay() {
        // T0 is 2024-01-15T10:30Z; budget 0.03 USD
        List<Step> table = List.of(
                new Step("2024-01-15T10:30:00Z", 0.01, ProbeMode.COMPLETION),
                new Step("2024-01-15T12:00:00Z", 0.01, ProbeMode.COMPLETION),
                new Step("2024-01-15T18:00:00Z", 0.01, ProbeMode.MODELS),
                new Step("2024-01-15T23:59:59Z", 0.00, ProbeMode.MODELS),
                new Step("2024-01-16T00:00:00Z", 0.02, ProbeMode.COMPLETION),
                new Step("2024-01-16T01:00:00Z", 0.02, ProbeMode.MODELS),
                new Step("2024-01-17T09:00:00Z", 0.00, ProbeMode.COMPLETION));
        ManualClock clock = new ManualClock();
        List<Boolean> heard = new CopyOnWriteArrayList<>();
        List<String> passedOn = new ArrayList<>();
        ProbeBudget budget = new ProbeBudget(0.03, clock, (d, in, out, cost) -> passedOn.add(d.id() + " " + cost), heard::add);
        List<ProbeMode> sent = new CopyOnWriteArrayList<>();
        ModelProbe probe = budget.limiting((deployment, timeout) -> {
            sent.add(deployment.probeMode());
            return ProbeResult.healthy(Duration.ofMillis(1));
        });

        for (Step step : table) {
            clock.now.set(Instant.parse(step.when()));
            if (step.cost() > 0) {
                budget.probeSpent(PAID, 10, 2, step.cost());
            }
            sent.clear();
            probe.probe(PAID, Duration.ofSeconds(1));
            probe.probe(LISTED, Duration.ofSeconds(1));
            assertEquals(List.of(step.nextMode(), ProbeMode.MODELS), sent, step.when());
        }

        assertEquals(List.of(true, false, true, false), heard, "reached and lifted, once each per day");
        assertEquals(5, passedOn.size(), "every spend is passed on to the next ProbeSpend");
    }

    @Test
    void noBudgetNeverLimitsAndANegativeOneIsRefused() {
        ManualClock clock = new ManualClock();
        ProbeBudget none = new ProbeBudget(0, clock, (d, in, out, cost) -> { }, reached -> { });
        none.probeSpent(PAID, 1000, 1000, 1_000_000);
        List<ProbeMode> sent = new ArrayList<>();
        none.limiting((d, t) -> {
            sent.add(d.probeMode());
            return ProbeResult.healthy(Duration.ZERO);
        }).probe(PAID, Duration.ofSeconds(1));
        assertEquals(List.of(ProbeMode.COMPLETION), sent);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ProbeBudget(-1, clock, (d, in, out, cost) -> { }, reached -> { }));
        assertEquals("health_check_daily_budget must be 0 (none) or more, got -1.0", error.getMessage());
    }
}
