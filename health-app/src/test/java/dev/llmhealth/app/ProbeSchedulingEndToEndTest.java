package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.app.demo.FakeProviderServer;
import dev.llmhealth.app.demo.FakeProviderServer.Behaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cheaper, smarter probing against the real app and an in-process fake provider that counts the
 * calls each upstream gets: traffic stands in for probes ({@code skip_probe_when_traffic_ok}),
 * unhealthy deployments are re-probed sooner ({@code unhealthy_interval}), and one upstream host
 * never sees more concurrent probes than {@code health_check_concurrency_per_host}. Timing bounds
 * are about three times the promise: the machine is shared.
 */
class ProbeSchedulingEndToEndTest {

    /** Probes of these deployments are model listings, real calls are chat completions: the fake tells them apart by path. */
    private static final String PROBE = "/models";

    private FakeProviderServer provider;
    private RunningApp app;

    @BeforeEach
    void startProvider() throws Exception {
        provider = FakeProviderServer.start(0);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        provider.close();
    }

    private void startApp(String generalSettings) {
        app = RunningApp.start("""
                model_list:
                  - model_name: busy
                    litellm_params: {model: openai/busy, api_base: "%s", api_key: sk-busy-key-0001}
                    model_info: {id: busy-1}
                  - model_name: idle
                    litellm_params: {model: openai/idle, api_base: "%s", api_key: sk-idle-key-0002}
                    model_info: {id: idle-1}
                general_settings:
                  interval_jitter_percent: 0
                  health_check_timeout: 2
                %s
                """.formatted(provider.apiBase("busy"), provider.apiBase("idle"), generalSettings.indent(2)));
        app.awaitReady();
    }

    @Test
    void aDeploymentServingSteadyTrafficIsNotProbedWhileAnIdleOneIsProbedEveryInterval() {
        startApp("health_check_interval: 1");
        // warm up: from now on every round finds a successful call of busy within its interval
        steadyTraffic("busy", Duration.ofMillis(1500));
        int busyProbes = provider.calls("busy", PROBE);
        int idleProbes = provider.calls("idle", PROBE);

        steadyTraffic("busy", Duration.ofSeconds(4));

        assertEquals(busyProbes, provider.calls("busy", PROBE), "real traffic proved busy healthy: no probe");
        int idleDelta = provider.calls("idle", PROBE) - idleProbes;
        assertTrue(idleDelta >= 2 && idleDelta <= 8, "about one probe of idle per 1 s interval over 4 s, got " + idleDelta);
        assertTrue(provider.calls("busy", "/chat/completions") >= 10, "the traffic went to busy");

        JsonNode busy = entry(app.json("/health/models").get("healthy"), "busy-1");
        assertEquals("traffic", busy.get("source").asText(), busy.toString());
        Duration age = Duration.between(Instant.parse(busy.get("last_check").asText()), Instant.now());
        assertTrue(age.compareTo(Duration.ofSeconds(5)) < 0, "last_check is the recent call: " + busy);
        assertEquals("probe", entry(app.json("/health/models").get("healthy"), "idle-1").get("source").asText());

        MetricsText metrics = ProxyCalls.metrics(app);
        double skipped = metrics.sum("litellm_health_check_skipped_total", Map.of("model_id", "busy-1"));
        assertTrue(skipped >= 2, "skipped probes are counted: " + skipped);
        assertEquals(0, metrics.sum("litellm_health_check_skipped_total", Map.of("model_id", "idle-1")));
    }

    @Test
    void withSkipProbeWhenTrafficOkOffABusyDeploymentIsProbedAnyway() {
        startApp("health_check_interval: 1\nskip_probe_when_traffic_ok: false");
        steadyTraffic("busy", Duration.ofMillis(1500));
        int busyProbes = provider.calls("busy", PROBE);

        steadyTraffic("busy", Duration.ofSeconds(4));

        int delta = provider.calls("busy", PROBE) - busyProbes;
        assertTrue(delta >= 2, "probed every interval despite its traffic, got " + delta);
        assertEquals("probe", entry(app.json("/health/models").get("healthy"), "busy-1").get("source").asText());
        assertEquals(0, ProxyCalls.metrics(app).sum("litellm_health_check_skipped_total", Map.of()));
    }

    @Test
    void anUnhealthyDeploymentIsReprobedOnTheUnhealthyIntervalAndItsRecoveryShowsSoon() {
        provider.behave("idle", Behaviour.FAILING);
        // rounds 300 s apart: only the unhealthy_interval re-checks can see the recovery
        startApp("health_check_interval: 300\nunhealthy_interval: 1");
        assertEquals("idle-1", app.json("/health/models").get("unhealthy").get(0).get("model_id").asText());
        int healthyProbes = provider.calls("busy", PROBE);

        RunningApp.eventually(Duration.ofSeconds(9), "at least two re-checks of the failing deployment",
                () -> provider.calls("idle", PROBE) >= 3);
        provider.behave("idle", Behaviour.HEALTHY);
        long recoveredAt = System.nanoTime();
        // promise: unhealthy_interval (1 s) + timeout (2 s); bound about three times that
        RunningApp.eventually(Duration.ofSeconds(9), "idle-1 healthy again",
                () -> app.json("/health/models").get("unhealthy").isEmpty());
        Duration took = Duration.ofNanos(System.nanoTime() - recoveredAt);

        assertEquals("probe", entry(app.json("/health/models").get("healthy"), "idle-1").get("source").asText());
        assertEquals(healthyProbes, provider.calls("busy", PROBE), "healthy deployments wait for the next round: " + took);
    }

    @Test
    void fiftyDeploymentsOnOneSlowHostNeverGetMoreConcurrentProbesThanThePerHostLimit() {
        StringBuilder models = new StringBuilder("model_list:\n");
        for (int i = 0; i < 50; i++) {
            provider.behave("slow" + i, Behaviour.SLOW);
            models.append("""
                      - model_name: group-%d
                        litellm_params: {model: openai/m%d, api_base: "%s"}
                        model_info: {id: slow-%d}
                    """.formatted(i % 5, i, provider.apiBase("slow" + i), i));
        }
        app = RunningApp.start(models + """
                general_settings:
                  health_check_interval: 300
                  health_check_timeout: 10
                  health_check_concurrency_per_host: 4
                """);
        app.awaitReady();

        JsonNode report = app.json("/health/models");
        assertEquals(50, report.get("healthy").size(), report.toString());
        int probes = 0;
        for (int i = 0; i < 50; i++) {
            probes += provider.calls("slow" + i, PROBE);
        }
        assertEquals(50, probes, "one probe each in the first round");
        int peak = provider.peakConcurrentCalls();
        assertTrue(peak <= 4, "never more than 4 probes at once on one host:port, saw " + peak);
        assertTrue(peak >= 2, "yet probes of one host do run in parallel up to the limit, saw " + peak);
    }

    /** One chat call after another to the model group for the given time; each must succeed. */
    private void steadyTraffic(String model, Duration during) {
        long end = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < end) {
            assertEquals(200, ProxyCalls.post(app, "/v1/chat/completions", ProxyCalls.chat(model)).statusCode());
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }

    private static JsonNode entry(JsonNode entries, String modelId) {
        for (JsonNode entry : entries) {
            if (entry.get("model_id").asText().equals(modelId)) {
                return entry;
            }
        }
        throw new AssertionError("no entry for " + modelId + " in " + entries);
    }
}
