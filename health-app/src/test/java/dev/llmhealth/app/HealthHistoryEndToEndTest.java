package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.adapters.probes.testing.TcpFaultProxy;
import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.app.TestConfigs.Model;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /health/history} over HTTP: its answers, its parameters, its access; and probing on our own when Redis is gone. */
class HealthHistoryEndToEndTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void withoutADatabaseTheHistoryIsKeptInMemoryAndFiltered() throws Exception {
        try (FakeProviderServer provider = FakeProviderServer.start(0);
             RunningApp app = RunningApp.start(TestConfigs.config(List.of(
                     new Model("gpt-4", provider.apiBase("healthy")),
                     new Model("flaky", provider.apiBase("flaky"))), null, null, 0))) {
            app.awaitReady();
            provider.behave("flaky", FakeProviderServer.Behaviour.FAILING);
            RunningApp.eventually(BOUND, "flaky goes unhealthy",
                    () -> app.json("/health/history?model=flaky").get("transitions").size() == 2);
            Instant afterFailure = Instant.now();
            provider.behave("flaky", FakeProviderServer.Behaviour.HEALTHY);
            RunningApp.eventually(BOUND, "flaky recovers",
                    () -> app.json("/health/history?model=flaky").get("transitions").size() == 3);

            JsonNode flaky = app.json("/health/history?model=flaky").get("transitions");
            assertEquals(List.of("healthy", "unhealthy", "healthy"), List.of(flaky.get(0).get("to").asText(),
                    flaky.get(1).get("to").asText(), flaky.get(2).get("to").asText()), "newest first: " + flaky);
            assertEquals("unchecked", flaky.get(2).get("from").asText());
            assertTrue(flaky.get(1).get("error").asText().contains("HTTP 500"), flaky.toString());
            assertTrue(flaky.get(0).get("error").isNull());

            assertEquals(1, app.json("/health/history?model=flaky&limit=1").get("transitions").size());
            JsonNode sinceRecovery = app.json("/health/history?model=flaky&since=" + afterFailure).get("transitions");
            assertEquals(1, sinceRecovery.size(), "since " + afterFailure + ": " + sinceRecovery);
            // epoch seconds too: all of it since a second before the start, none of it from a minute on
            long startSecond = Instant.parse(flaky.get(2).get("at").asText()).getEpochSecond() - 1;
            assertEquals(3, app.json("/health/history?model=flaky&since=" + startSecond).get("transitions").size());
            assertEquals(0, app.json("/health/history?model=flaky&since=" + (Instant.now().getEpochSecond() + 60))
                    .get("transitions").size());
            assertEquals(1, app.json("/health/history?model=gpt-4").get("transitions").size());
        }
    }

    @Test
    void badParametersAre400AndTheMasterKeyGuardsTheHistory() throws Exception {
        String yaml = TestConfigs.config(List.of(), null, null, 0) + "  master_key: sk-history-master\n";
        try (RunningApp app = RunningApp.start(yaml)) {
            app.awaitReady();
            HttpResponse<String> anonymous = app.get("/health/history");
            assertEquals(401, anonymous.statusCode());
            assertFalse(anonymous.body().contains("sk-history-master"));
            String[] key = {"Authorization", "Bearer sk-history-master"};
            assertEquals(200, app.get("/health/history", key).statusCode());
            for (String bad : List.of("limit=0", "limit=1001", "limit=ten", "since=yesterday", "since=2026-13-01T00:00:00Z")) {
                HttpResponse<String> answer = app.get("/health/history?" + bad, key);
                assertEquals(400, answer.statusCode(), bad + ": " + answer.body());
                String param = bad.substring(0, bad.indexOf('='));
                assertTrue(RunningApp.parse(answer.body()).get("error").get("message").asText().contains(param), answer.body());
            }
            assertEquals(405, app.send("POST", "/health/history", key).statusCode());
        }
    }

    @Test
    void withRedisGoneTheReplicaProbesOnItsOwnAndSaysSo() throws Exception {
        TestServices.Redis redis = TestServices.redis();
        try (FakeProviderServer provider = FakeProviderServer.start(0);
             TcpFaultProxy proxy = new TcpFaultProxy(redis.host(), redis.port());
             RunningApp app = RunningApp.start(TestConfigs.config(List.of(new Model("gpt-4", provider.apiBase("alone"))),
                     null, proxy.host(), proxy.port()))) {
            app.awaitReady();
            RunningApp.eventually(BOUND, "probing shared", () -> coordination(app).equals("shared"));

            proxy.setMode(TcpFaultProxy.Mode.REFUSE);
            RunningApp.eventually(BOUND, "probing on our own", () -> coordination(app).equals("local_fallback"));
            int calls = provider.calls("alone");
            RunningApp.eventually(BOUND, "still probed without Redis", () -> provider.calls("alone") > calls + 2);
            assertEquals(200, app.get("/health").statusCode());

            proxy.setMode(TcpFaultProxy.Mode.PASS);
            RunningApp.eventually(BOUND, "shared again", () -> coordination(app).equals("shared"));
        }
    }

    private static String coordination(RunningApp app) {
        return app.json("/health/services").get("router").get("probe_coordination").asText();
    }
}
