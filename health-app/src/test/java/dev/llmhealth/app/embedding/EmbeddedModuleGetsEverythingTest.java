package dev.llmhealth.app.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.EvidenceSource;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.model.PassiveHealthSettings;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.model.ProbeSchedulingSettings;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.model.TrafficOutcome;
import dev.llmhealth.embedded.HealthModule;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * An embedding host gets what the standalone app gets, from the same one wiring: passive health
 * from its own traffic, fast rechecks of unhealthy deployments, the daily probe budget, and the
 * transitions its listeners subscribe to (issue 19: the embedding path once had none of these).
 */
class EmbeddedModuleGetsEverythingTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Deployment EAST = new Deployment("gpt-4-east", "gpt-4", "https://east.example.com/v1", ProbeMode.COMPLETION);
    private static final Deployment WEST = new Deployment("gpt-4-west", "gpt-4", "https://west.example.com/v1", ProbeMode.COMPLETION);

    private static HealthSettings settings(Duration interval) {
        return new HealthSettings(interval, Duration.ofSeconds(2), 0, Duration.ZERO, Duration.ofSeconds(5), 1, 1, false, true, 256, 16,
                Set.of(ServiceName.DATABASE));
    }

    @Test
    void theHostsOwnFailingTrafficCoolsADeploymentDownAndTheListenersHearIt() {
        List<HealthTransition> heard = new CopyOnWriteArrayList<>();
        try (HealthModule health = HealthModule.builder()
                .router(() -> List.of(EAST, WEST))
                .modelProbe((deployment, timeout) -> ProbeResult.healthy(Duration.ofMillis(3)))
                .settings(settings(Duration.ofHours(1)))
                .passiveHealth(new PassiveHealthSettings(true, 1, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(300)))
                .transitionListener(heard::add)
                .standardCollectors(false)
                .build()) {
            health.checkRound().runRound();
            for (int call = 0; call < 3; call++) {
                health.traffic().recordCall(TrafficOutcome.failed(WEST.id(), "gpt-4", 500, ErrorKind.SERVER_ERROR, Duration.ofMillis(40)));
            }

            DeploymentHealth west = verdict(health, WEST.id());
            assertEquals(false, west.isHealthy(), west.toString());
            assertEquals(EvidenceSource.TRAFFIC, west.source());
            assertEquals(List.of(EAST.id()), health.routing().routable("gpt-4").stream().map(Deployment::id).toList(),
                    "routing leaves the cooled-down deployment out");
            assertTrue(heard.stream().anyMatch(t -> t.subject().equals(WEST.id()) && t.to().equals("unhealthy")), heard.toString());
        }
    }

    @Test
    void anUnhealthyDeploymentIsRecheckedOnTheUnhealthyIntervalNotTheRoundInterval() {
        AtomicBoolean westDown = new AtomicBoolean(true);
        AtomicInteger westProbes = new AtomicInteger();
        try (HealthModule health = HealthModule.builder()
                .router(() -> List.of(EAST, WEST))
                .modelProbe((deployment, timeout) -> {
                    if (deployment.id().equals(WEST.id())) {
                        westProbes.incrementAndGet();
                        return westDown.get() ? ProbeResult.unhealthy(ErrorKind.SERVER_ERROR, "HTTP 503") : ProbeResult.healthy(Duration.ofMillis(2));
                    }
                    return ProbeResult.healthy(Duration.ofMillis(2));
                })
                // rounds an hour apart: only the recheck can see the recovery within the bound
                .settings(settings(Duration.ofHours(1)))
                .probeScheduling(new ProbeSchedulingSettings(true, Duration.ofMillis(200)))
                .standardCollectors(false)
                .build()) {
            health.start();
            poll(() -> health.modelHealth().modelHealth().unhealthy().size() == 1, "west found unhealthy");
            westDown.set(false);
            poll(() -> health.modelHealth().modelHealth().healthy().size() == 2, "west's recovery seen by a recheck");
            assertTrue(westProbes.get() >= 2, "west probed again between rounds: " + westProbes.get());
        }
    }

    @Test
    void theDailyProbeBudgetStopsPaidProbesOnceSpent() {
        List<ProbeMode> modesProbed = new CopyOnWriteArrayList<>();
        try (HealthModule health = HealthModule.builder()
                .router(() -> List.of(EAST))
                // the host's probe reports each completion's cost to the sink the module gives it
                .modelProbe(spend -> (deployment, timeout) -> {
                    modesProbed.add(deployment.probeMode());
                    if (deployment.probeMode() == ProbeMode.COMPLETION) {
                        spend.probeSpent(deployment, 10, 16, 0.30);
                    }
                    return ProbeResult.healthy(Duration.ofMillis(2));
                })
                .settings(settings(Duration.ofHours(1)))
                .probeScheduling(new ProbeSchedulingSettings(false, Duration.ofHours(1), 0.50))
                .standardCollectors(false)
                .build()) {
            for (int round = 0; round < 4; round++) {
                health.checkRound().runRound();
            }
            String metrics = new String(health.metrics().scrape("text/plain").body(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(List.of(ProbeMode.COMPLETION, ProbeMode.COMPLETION, ProbeMode.MODELS, ProbeMode.MODELS), modesProbed,
                    "two paid probes spend 0.60 of a 0.50 budget: the rest fall back to the free listing");
            assertTrue(metrics.contains("litellm_health_probe_budget_reached 1.0"), metrics);
        }
    }

    private static DeploymentHealth verdict(HealthModule health, String id) {
        return health.snapshot().deployment(id).orElseThrow();
    }

    private static void poll(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + BOUND.toMillis() + " ms: " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
