package dev.llmhealth.domain.service;

import dev.llmhealth.domain.ManualClock;
import static dev.llmhealth.domain.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.DeploymentState;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.EvidenceSource;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.PassiveHealthSettings;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.model.ProxyRequestOutcome;
import dev.llmhealth.domain.model.TrafficOutcome;
import dev.llmhealth.domain.policy.FlapDamping;
import dev.llmhealth.domain.policy.PassiveHealthPolicy;
import dev.llmhealth.domain.port.out.TrafficMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Passive health in the snapshot, and what the traffic counters are told. */
class TrafficServiceTest {


    /** Remembers what it was told, as "kind deployment requested-model". */
    private static final class RecordingMetrics implements TrafficMetrics {
        final List<String> seen = new ArrayList<>();

        @Override
        public void callFinished(Deployment deployment, TrafficOutcome call) {
            seen.add((call.succeeded() ? "success " : "failure ") + deployment.id() + " " + call.requestedModel());
        }

        @Override
        public void requestFinished(Optional<Deployment> servedBy, ProxyRequestOutcome request) {
            seen.add("request " + servedBy.map(Deployment::id).orElse("-") + " " + request.requestedModel());
        }

        @Override
        public void cooledDown(Deployment deployment, TrafficOutcome cause) {
            seen.add("cooldown " + deployment.id() + " " + cause.httpStatus());
        }
    }

    private static final Deployment A1 = new Deployment("a1", "gpt-4", "http://a:1/v1", ProbeMode.MODELS);
    private static final Deployment A2 = new Deployment("a2", "gpt-4", "http://a:2/v1", ProbeMode.MODELS);
    private static final FlapDamping DAMPING = new FlapDamping(1, 1, false);

    private final ManualClock clock = new ManualClock();
    private final SnapshotStore store = new SnapshotStore(HealthSnapshot.initial(T0, false, false, 2));
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final TrafficService traffic = service(PassiveHealthSettings.defaults());

    private TrafficService service(PassiveHealthSettings settings) {
        return new TrafficService(() -> List.of(A1, A2), store, new PassiveHealthPolicy(settings, () -> 0.5), metrics, clock);
    }

    @Test
    void moreThanAllowedFailsFailedCallsMakeAHealthyDeploymentUnhealthyFromTraffic() {
        probed(A1, ProbeResult.healthy(Duration.ofMillis(5)));
        failCalls(A1, 3);
        assertTrue(verdict(A1).isHealthy(), "three failures are allowed");

        failCalls(A1, 1);

        DeploymentHealth verdict = verdict(A1);
        assertEquals(DeploymentState.UNHEALTHY, verdict.state());
        assertEquals(EvidenceSource.TRAFFIC, verdict.source());
        assertTrue(verdict.error().orElseThrow().contains("more than 3 failed calls within 60 s"), verdict.error().orElseThrow());
        assertTrue(verdict.error().orElseThrow().contains("HTTP 500"), verdict.error().orElseThrow());
        assertEquals(Optional.of(T0), verdict.lastSuccess(), "the probe's success is kept");
        assertEquals(List.of("cooldown a1 500"), metrics.seen.stream().filter(s -> s.startsWith("cooldown")).toList());
    }

    @Test
    void aCooledDownDeploymentTakesNoTrafficUntilItsCooldownEndsAndASuccessfulCallBringsItBack() {
        failCalls(A1, 4);
        assertEquals(List.of(A2), traffic.routable("gpt-4"));

        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of(A1, A2), traffic.routable("gpt-4"), "after the cooldown one call may try it");
        assertFalse(verdict(A1).isHealthy(), "still unhealthy until a call or a probe says otherwise");

        traffic.recordCall(TrafficOutcome.succeeded("a1", "gpt-4", 200, Duration.ofMillis(30), Optional.empty(), 1, 1, 0));

        assertTrue(verdict(A1).isHealthy());
        assertEquals(EvidenceSource.TRAFFIC, verdict(A1).source());
    }

    @Test
    void aPassingProbeEndsATrafficCooldown() {
        failCalls(A1, 4);
        probed(A1, ProbeResult.healthy(Duration.ofMillis(5)));

        assertTrue(verdict(A1).isHealthy());
        assertEquals(EvidenceSource.PROBE, verdict(A1).source());
        assertEquals(List.of(A1, A2), traffic.routable("gpt-4"));
        failCalls(A1, 3);
        assertTrue(verdict(A1).isHealthy(), "the count starts afresh after the probe");
    }

    @Test
    void trafficNeverOverridesAProbesUnhealthyVerdictAndSuchADeploymentTakesNoTraffic() {
        probed(A1, ProbeResult.unhealthy(ErrorKind.AUTH, "HTTP 401 from upstream"));
        failCalls(A1, 4);

        assertEquals(EvidenceSource.PROBE, verdict(A1).source());
        assertEquals(Optional.of("HTTP 401 from upstream"), verdict(A1).error());
        clock.advance(Duration.ofMinutes(10));
        assertEquals(List.of(A2), traffic.routable("gpt-4"));
    }

    @Test
    void clientErrorsNeverCoolADeploymentDown() {
        for (int i = 0; i < 10; i++) {
            traffic.recordCall(TrafficOutcome.failed("a1", "gpt-4", 400, ErrorKind.HTTP_ERROR, Duration.ofMillis(3)));
        }
        assertEquals(List.of(A1, A2), traffic.routable("gpt-4"));
        assertTrue(store.current().deployment("a1").isEmpty(), "nothing published");
    }

    @Test
    void withPassiveHealthOffTrafficIsCountedButNeverJudged() {
        TrafficService off = service(PassiveHealthSettings.defaults().disabled());
        for (int i = 0; i < 10; i++) {
            off.recordCall(TrafficOutcome.failed("a1", "gpt-4", 500, ErrorKind.SERVER_ERROR, Duration.ofMillis(3)));
        }
        assertTrue(store.current().deployment("a1").isEmpty());
        assertEquals(10, metrics.seen.size());
    }

    @Test
    void labelsComeFromTheConfigurationNeverFromTheRequest() {
        traffic.recordCall(TrafficOutcome.succeeded("a1", "gpt-4", 200, Duration.ofMillis(30), Optional.empty(), 1, 1, 0));
        traffic.recordCall(TrafficOutcome.succeeded("a1", "{evil=\"label\"}", 200, Duration.ofMillis(30), Optional.empty(), 1, 1, 0));
        traffic.recordCall(TrafficOutcome.succeeded("not-configured", "gpt-4", 200, Duration.ofMillis(30), Optional.empty(), 1, 1, 0));
        traffic.recordRequest(new ProxyRequestOutcome("made-up-model", Optional.empty(), 400, Optional.of(ErrorKind.HTTP_ERROR), Duration.ZERO));
        traffic.recordRequest(new ProxyRequestOutcome("gpt-4", Optional.of("a2"), 200, Optional.empty(), Duration.ofMillis(40)));

        assertEquals(List.of("success a1 gpt-4", "success a1 unknown", "request - unknown", "request a2 gpt-4"), metrics.seen);
    }

    @Test
    void anUnconfiguredModelGroupHasNoRoutableDeployment() {
        assertEquals(List.of(), traffic.routable("gpt-5"));
    }

    private void failCalls(Deployment deployment, int count) {
        for (int i = 0; i < count; i++) {
            traffic.recordCall(TrafficOutcome.failed(deployment.id(), deployment.modelName(), 500, ErrorKind.SERVER_ERROR, Duration.ofMillis(3)));
        }
    }

    private void probed(Deployment deployment, ProbeResult result) {
        store.update(s -> s.withVerdicts(clock.instant(),
                List.of(DAMPING.apply(s.deployment(deployment.id()), deployment, result, clock.instant()))));
    }

    private DeploymentHealth verdict(Deployment deployment) {
        return store.current().deployment(deployment.id()).orElseThrow();
    }
}
