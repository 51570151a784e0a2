package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.adapters.probes.testing.TcpFaultProxy;
import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.app.TestConfigs.Model;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cutting the database off (a TCP fault proxy between the app and the real PostgreSQL; the shared
 * server is never stopped) turns {@code /health} unhealthy with 503 within one service-check interval
 * plus the probe timeout, while readiness stays ready; restoring it turns it healthy again.
 */
class DatabaseOutageEndToEndTest {

    /** Service interval 0.5 s + timeout 1 s + 1 s grace, three times over for a shared machine. */
    private static final Duration PROMISE_WITH_MARGIN = Duration.ofMillis(3 * 2500);

    @ParameterizedTest
    @EnumSource(value = TcpFaultProxy.Mode.class, names = {"FREEZE", "DROP", "REFUSE"})
    void aDatabaseOutageIsUnhealthy503ButStillReady(TcpFaultProxy.Mode fault) throws Exception {
        TestServices.Postgres postgres = TestServices.postgres();
        try (FakeProviderServer provider = FakeProviderServer.start(0);
             TcpFaultProxy proxy = new TcpFaultProxy(postgres.host(), postgres.port());
             RunningApp app = RunningApp.start(TestConfigs.config(List.of(new Model("gpt-4", provider.apiBase("healthy"))),
                     postgres.databaseUrlVia("127.0.0.1", proxy.port()), null, 0))) {
            app.awaitReady();
            assertEquals(200, app.get("/health").statusCode());

            proxy.setMode(fault);
            RunningApp.eventually(PROMISE_WITH_MARGIN, "/health 503 with db disconnected",
                    () -> app.get("/health").statusCode() == 503);
            JsonNode health = app.json("/health");
            assertEquals("unhealthy", health.get("status").asText());
            assertEquals("disconnected", health.get("db").asText());
            HttpResponse<String> readiness = app.get("/health/readiness");
            assertEquals(200, readiness.statusCode(), "a shared dependency's outage must not drain every replica");
            assertEquals("ready", RunningApp.parse(readiness.body()).get("status").asText());
            HttpResponse<String> services = app.get("/health/services");
            assertEquals(503, services.statusCode());
            assertTrue(RunningApp.parse(services.body()).get("database").get("latency_ms").isNull());
            assertEquals(200, app.get("/health/liveliness").statusCode());

            proxy.setMode(TcpFaultProxy.Mode.PASS);
            RunningApp.eventually(PROMISE_WITH_MARGIN.multipliedBy(2), "/health back to 200 after the database returns",
                    () -> app.get("/health").statusCode() == 200);
            assertEquals("connected", app.json("/health").get("db").asText());
        }
    }
}
