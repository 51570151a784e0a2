package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real app against a fake provider that fails and recovers, with a real HTTP receiver as the
 * webhook: one alert per change, the recovery with the outage's duration, a storm grouped, two
 * replicas on one Redis alerting once, and the test endpoint behind the master key.
 */
class AlertsEndToEndTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<RunningApp> apps = new ArrayList<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private FakeProviderServer provider;
    private HttpServer webhook;

    @BeforeEach
    void start() throws IOException {
        provider = FakeProviderServer.start(0);
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        webhook.createContext("/hook", exchange -> {
            received.add(RunningApp.parse(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stop() {
        apps.forEach(RunningApp::close);
        provider.close();
        webhook.stop(0);
    }

    private String config(int deployments, String group, String extraGeneral, String extraRoot) {
        StringBuilder yaml = new StringBuilder("model_list:\n");
        for (int i = 0; i < deployments; i++) {
            yaml.append("  - model_name: ").append(group).append('\n')
                    .append("    litellm_params:\n      model: openai/gpt-4o\n")
                    .append("      api_base: ").append(provider.apiBase("s" + run + "-" + i)).append('\n')
                    .append("      api_key: sk-test-").append(i).append('\n')
                    .append("    model_info:\n      id: ").append(group).append("-").append(i).append('\n');
        }
        return yaml.append("general_settings:\n  health_check_interval: 1\n  health_check_timeout: 2\n  interval_jitter_percent: 0\n")
                .append("  service_check_interval: 0.5\n  alerting: [\"webhook\"]\n")
                .append("  alerting_webhook:\n    url: http://127.0.0.1:").append(webhook.getAddress().getPort()).append("/hook\n")
                .append("    secret: os.environ/HOOK_SECRET\n")
                .append("  alerting_args:\n    alert_grouping_window: 1\n")
                .append(extraGeneral).append(extraRoot).toString();
    }

    private List<JsonNode> messages(String type, String status) {
        return received.stream().filter(m -> m.get("alert_type").asText().equals(type) && m.get("status").asText().equals(status)).toList();
    }

    private int alerts(String type, String status) {
        return messages(type, status).stream().mapToInt(m -> m.get("alert_count").asInt()).sum();
    }

    @Test
    void aDeploymentThatFailsAndRecoversIsAlertedOnceEachWayWithTheOutagesDuration() throws Exception {
        provider.behave("s" + run + "-0", FakeProviderServer.Behaviour.FAILING);
        RunningApp app = RunningApp.start(config(2, "g-" + run, "", ""), 0, Map.of("HOOK_SECRET", "hook-secret-" + run));
        apps.add(app);

        RunningApp.eventually(Duration.ofSeconds(30), "the unhealthy alert", () -> alerts("llm_exceptions", "firing") == 1);
        JsonNode down = messages("llm_exceptions", "firing").getFirst().get("alerts").get(0);
        assertEquals("g-" + run + "-0", down.get("subject").asText());
        assertTrue(down.get("error").asText().length() > 0, down.toString());
        provider.behave("s" + run + "-0", FakeProviderServer.Behaviour.HEALTHY);

        RunningApp.eventually(Duration.ofSeconds(30), "the recovery", () -> alerts("llm_exceptions", "resolved") == 1);
        JsonNode back = messages("llm_exceptions", "resolved").getFirst().get("alerts").get(0);
        assertTrue(back.get("duration_seconds").asLong() >= 0, back.toString());
        assertEquals(down.get("since").asText(), back.get("since").asText(), "the recovery closes the same outage");
        Thread.sleep(Duration.ofSeconds(3)); // a window of further rounds: nothing more may arrive
        assertEquals(1, alerts("llm_exceptions", "firing"));
        assertEquals(1, alerts("llm_exceptions", "resolved"));
        assertEquals(0, alerts("outage_alerts", "firing"), "one healthy deployment keeps the group up");
        assertFalse(received.toString().contains("hook-secret-" + run), "the secret never travels in a message");
    }

    @Test
    void aStormOfAHundredFailingDeploymentsIsOneMessageAndOneGroupOutage() throws Exception {
        for (int i = 0; i < 100; i++) {
            provider.behave("s" + run + "-" + i, FakeProviderServer.Behaviour.FAILING);
        }
        apps.add(RunningApp.start(config(100, "storm-" + run, "", ""), 0, Map.of("HOOK_SECRET", "x")));

        RunningApp.eventually(Duration.ofSeconds(40), "all 100 alerted", () -> alerts("llm_exceptions", "firing") == 100);
        RunningApp.eventually(Duration.ofSeconds(20), "the group outage", () -> alerts("outage_alerts", "firing") == 1);
        assertTrue(messages("llm_exceptions", "firing").size() <= 2, "grouped, not 100 messages: " + messages("llm_exceptions", "firing").size());
        assertEquals("storm-" + run, messages("outage_alerts", "firing").getFirst().get("alerts").get(0).get("subject").asText());
    }

    @Test
    void twoReplicasOnOneRedisAlertEachChangeOnce() throws Exception {
        TestServices.Redis redis = TestServices.redis();
        provider.behave("s" + run + "-0", FakeProviderServer.Behaviour.FAILING);
        String yaml = config(1, "fleet-" + run, "", "router_settings:\n  redis_host: " + redis.host() + "\n  redis_port: " + redis.port() + "\n");
        Map<String, String> env = Map.of("HOOK_SECRET", "x", "PROBE_COORDINATION_NAMESPACE", "alerts-" + run);
        apps.add(RunningApp.start(yaml, 0, env));
        apps.add(RunningApp.start(yaml, 0, env));

        RunningApp.eventually(Duration.ofSeconds(30), "the unhealthy alert", () -> alerts("llm_exceptions", "firing") >= 1);
        RunningApp.eventually(Duration.ofSeconds(30), "the group outage", () -> alerts("outage_alerts", "firing") >= 1);
        Thread.sleep(Duration.ofSeconds(4)); // rounds on both replicas and their reconciliations: still one each
        assertEquals(1, alerts("llm_exceptions", "firing"));
        assertEquals(1, alerts("outage_alerts", "firing"));
    }

    @Test
    void theTestEndpointNeedsTheMasterKeyAndSaysWhichChannelTookIt() {
        RunningApp app = RunningApp.start(config(1, "t-" + run, "  master_key: sk-master-" + run + "\n", ""), 0, Map.of("HOOK_SECRET", "x"));
        apps.add(app);

        assertEquals(401, app.send("POST", "/health/alerts/test").statusCode());
        assertEquals(405, app.send("GET", "/health/alerts/test", "Authorization", "Bearer sk-master-" + run).statusCode());
        HttpResponse<String> sent = app.send("POST", "/health/alerts/test", "Authorization", "Bearer sk-master-" + run);

        assertEquals(200, sent.statusCode(), sent.body());
        JsonNode answer = RunningApp.parse(sent.body());
        assertEquals("ok", answer.get("status").asText());
        assertEquals("webhook", answer.get("channels").get(0).get("channel").asText());
        assertTrue(answer.get("channels").get(0).get("delivered").asBoolean());
        assertEquals(1, messages("llm_exceptions", "test").size());
        assertTrue(app.get("/metrics").body().contains("litellm_health_alerts_total{channel=\"webhook\",outcome=\"delivered\"} 1.0"),
                "counted");
    }
}
