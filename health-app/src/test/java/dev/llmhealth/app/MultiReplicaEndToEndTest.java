package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three replicas of the real app on one machine, sharing the real Redis and PostgreSQL, against a
 * fake provider that counts its calls: each deployment is probed about once per interval in all
 * (not once per replica), all three serve the same verdicts, a killed replica's deployments are
 * still checked, and each transition is written to the history once.
 */
class MultiReplicaEndToEndTest {

    private static final int DEPLOYMENTS = 4;
    /** Round period: interval 1 s plus the (short) round itself. */
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<RunningApp> replicas = new ArrayList<>();
    private FakeProviderServer provider;

    @AfterEach
    void stop() {
        replicas.forEach(RunningApp::close);
        if (provider != null) {
            provider.close();
        }
    }

    private String segment(int i) {
        return "r" + run + "-" + i;
    }

    private String model(int i) {
        return "model-" + run + "-" + i;
    }

    private String config() {
        TestServices.Postgres postgres = TestServices.postgres();
        TestServices.Redis redis = TestServices.redis();
        StringBuilder yaml = new StringBuilder("model_list:\n");
        for (int i = 0; i < DEPLOYMENTS; i++) {
            yaml.append("  - model_name: ").append(model(i)).append('\n')
                    .append("    litellm_params:\n")
                    .append("      model: openai/gpt-4o\n")
                    .append("      api_base: ").append(provider.apiBase(segment(i))).append('\n')
                    .append("      api_key: sk-test-").append(i).append('\n');
        }
        return yaml.append("general_settings:\n")
                .append("  health_check_interval: 1\n")
                .append("  health_check_timeout: 1\n")
                .append("  interval_jitter_percent: 0\n")
                .append("  service_check_interval: 0.5\n")
                .append("  database_url: ").append(postgres.databaseUrl()).append('\n')
                .append("router_settings:\n")
                .append("  redis_host: ").append(redis.host()).append('\n')
                .append("  redis_port: ").append(redis.port()).append('\n')
                .toString();
    }

    private void startReplicas(int count) throws Exception {
        provider = FakeProviderServer.start(0);
        provider.behave(segment(DEPLOYMENTS - 1), FakeProviderServer.Behaviour.FAILING);
        String yaml = config();
        for (int i = 0; i < count; i++) {
            // one namespace for all three: they are one fleet
            replicas.add(RunningApp.start(yaml, 0, Map.of("PROBE_COORDINATION_NAMESPACE", "test-" + run)));
        }
        replicas.forEach(RunningApp::awaitReady);
    }

    /** Each deployment's state and error as one replica serves it. */
    private static Map<String, String> verdicts(RunningApp app) {
        JsonNode models = app.json("/health/models");
        Map<String, String> byId = new TreeMap<>();
        for (String list : List.of("healthy", "unhealthy")) {
            for (JsonNode entry : models.get(list)) {
                byId.put(entry.get("model_id").asText(), entry.get("status").asText() + " " + entry.path("error").asText(""));
            }
        }
        return byId;
    }

    private int probeCalls() {
        return IntStream.range(0, DEPLOYMENTS).map(i -> provider.calls(segment(i))).sum();
    }

    @Test
    void threeReplicasProbeEachDeploymentAboutOncePerIntervalAndServeTheSameVerdicts() throws Exception {
        startReplicas(3);
        Set<String> names = new HashSet<>();
        for (RunningApp app : replicas) {
            JsonNode router = app.json("/health/services").get("router");
            assertEquals("shared", router.get("probe_coordination").asText(), router.toString());
            names.add(router.get("replica").asText());
        }
        assertEquals(3, names.size(), "each replica has a name of its own: " + names);

        int before = probeCalls();
        long start = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(10)); // the measuring window itself, not a wait for state
        int calls = probeCalls() - before;
        double intervals = (System.nanoTime() - start) / 1e9 / INTERVAL.toSeconds();
        double perDeploymentPerInterval = calls / (double) DEPLOYMENTS / intervals;
        System.out.printf("3 replicas: %d probe calls to %d deployments in %.1f intervals = %.2f per deployment per interval%n",
                calls, DEPLOYMENTS, intervals, perDeploymentPerInterval);
        // one replica probes each deployment per round; three uncoordinated replicas would make this 3
        assertTrue(perDeploymentPerInterval <= 1.5, "probes per deployment per interval: " + perDeploymentPerInterval);
        assertTrue(perDeploymentPerInterval >= 0.3, "still probed: " + perDeploymentPerInterval);

        RunningApp.eventually(Duration.ofSeconds(15), "all replicas serve the same verdicts", () -> {
            Map<String, String> first = verdicts(replicas.get(0));
            return first.size() == DEPLOYMENTS && replicas.stream().allMatch(r -> verdicts(r).equals(first));
        });
        Map<String, String> agreed = verdicts(replicas.get(0));
        assertEquals(1, agreed.values().stream().filter(v -> v.startsWith("unhealthy HTTP 500")).count(), agreed.toString());
    }

    @Test
    void aKilledReplicasDeploymentsAreStillCheckedAndEachTransitionIsRecordedOnce() throws Exception {
        startReplicas(3);
        RunningApp.eventually(Duration.ofSeconds(15), "every deployment checked",
                () -> verdicts(replicas.get(1)).size() == DEPLOYMENTS);

        replicas.remove(0).close();
        Instant killed = Instant.now();
        // its leases expire (interval + round deadline = 3 s), then the next round of another replica takes them
        RunningApp.eventually(Duration.ofSeconds(30), "every deployment checked again after the kill", () -> {
            JsonNode models = replicas.get(0).json("/health/models");
            List<JsonNode> entries = new ArrayList<>();
            models.get("healthy").forEach(entries::add);
            models.get("unhealthy").forEach(entries::add);
            return entries.size() == DEPLOYMENTS && entries.stream()
                    .allMatch(e -> Instant.parse(e.get("last_check").asText()).isAfter(killed.plusSeconds(1)));
        });

        String broken = model(DEPLOYMENTS - 1);
        RunningApp.eventually(Duration.ofSeconds(20), "the broken deployment's transition in the history",
                () -> replicas.get(0).json("/health/history?model=" + broken).get("transitions").size() > 0);
        JsonNode transitions = replicas.get(1).json("/health/history?model=" + broken).get("transitions");
        assertEquals(1, transitions.size(), "written once by the lease holder, not once per replica: " + transitions);
        JsonNode only = transitions.get(0);
        assertEquals("deployment", only.get("subject_kind").asText());
        assertEquals(broken, only.get("model").asText());
        assertEquals("unchecked", only.get("from").asText());
        assertEquals("unhealthy", only.get("to").asText());
        assertTrue(only.get("error").asText().contains("HTTP 500"), only.toString());
        assertNotEquals("", only.get("replica").asText());
    }
}
