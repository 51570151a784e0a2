package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.adapters.probes.testing.Eventually;
import dev.llmhealth.app.TestConfigs.Model;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Upstreams that hang, answer slowly, refuse the key, rate-limit, fail or talk garbage, all in one
 * app: each deployment ends up where it belongs in {@code /health/models}, with an {@code error}
 * that says what happened; the slow one (300 ms, well within the 1 s timeout) stays healthy, and a
 * hung one never holds the others up.
 */
class ProviderFailuresEndToEndTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void eachMisbehavingUpstreamGetsItsClassification() throws Exception {
        try (FakeProviderServer provider = FakeProviderServer.start(0);
             RunningApp app = RunningApp.start(TestConfigs.config(List.of(
                     new Model("hung", provider.apiBase("hang")),
                     new Model("slow", provider.apiBase("slow")),
                     new Model("unauthorized", provider.apiBase("unauthorized")),
                     new Model("ratelimited", provider.apiBase("ratelimited")),
                     new Model("failing", provider.apiBase("failing")),
                     new Model("garbage", provider.apiBase("garbage")),
                     new Model("healthy", provider.apiBase("healthy"))), null, null, 0))) {
            app.awaitReady();
            Map<String, String> expected = Map.of(
                    "hung", "timed out after 1000 ms",
                    "unauthorized", "HTTP 401 from upstream: Incorrect API key provided",
                    "ratelimited", "HTTP 429 from upstream: Rate limit reached",
                    "failing", "HTTP 500 from upstream: upstream exploded",
                    "garbage", "HTTP 200 but the body is not JSON");
            // rounds repeat every second: poll for the verdicts rather than trust one round on a busy machine
            JsonNode models = Eventually.poll(BOUND, () -> app.json("/health/models"), seen -> classified(seen, expected));
            assertEquals(List.of("healthy", "slow"), names(models.get("healthy")));

            // the proxy as a whole is healthy: some deployments are
            assertEquals(200, app.get("/health").statusCode());
        }
    }

    /** Exactly the expected deployments unhealthy, each with its expected error; the rest healthy. */
    private static boolean classified(JsonNode models, Map<String, String> expected) {
        Map<String, String> errors = new HashMap<>();
        for (JsonNode entry : models.get("unhealthy")) {
            errors.put(entry.get("model").asText(), entry.get("error").asText());
        }
        return names(models.get("healthy")).equals(List.of("healthy", "slow"))
                && errors.keySet().equals(expected.keySet())
                && expected.entrySet().stream().allMatch(e -> errors.get(e.getKey()).contains(e.getValue()));
    }

    private static List<String> names(JsonNode entries) {
        return java.util.stream.StreamSupport.stream(entries.spliterator(), false)
                .map(e -> e.get("model").asText()).sorted().toList();
    }
}
