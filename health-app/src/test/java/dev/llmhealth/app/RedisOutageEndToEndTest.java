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
 * Cutting Redis off (a TCP fault proxy between the app and the real Redis; the shared server is
 * never touched) is reported as {@code disconnected} within one service-check interval plus the
 * timeout, and as {@code connected} again after the fault clears, without a restart. Redis is not
 * required by default, so {@code /health} stays 200 throughout, and liveliness keeps answering at once.
 */
class RedisOutageEndToEndTest {

    /** Service interval 0.5 s + timeout 1 s + 1 s grace, three times over for a shared machine. */
    private static final Duration PROMISE_WITH_MARGIN = Duration.ofMillis(3 * 2500);
    /** Liveliness touches nothing: even on a loaded machine it answers well within this. */
    private static final Duration FAST = Duration.ofSeconds(2);

    @ParameterizedTest
    @EnumSource(value = TcpFaultProxy.Mode.class, names = {"FREEZE", "DROP", "REFUSE"})
    void aRedisOutageIsReportedButLeavesTheProxyHealthy(TcpFaultProxy.Mode fault) throws Exception {
        TestServices.Redis redis = TestServices.redis();
        try (FakeProviderServer provider = FakeProviderServer.start(0);
             TcpFaultProxy proxy = new TcpFaultProxy(redis.host(), redis.port());
             RunningApp app = RunningApp.start(TestConfigs.config(List.of(new Model("gpt-4", provider.apiBase("healthy"))),
                     null, "127.0.0.1", proxy.port()))) {
            app.awaitReady();
            RunningApp.eventually(PROMISE_WITH_MARGIN, "Redis connected before the fault", () -> redisStatus(app).equals("connected"));
            assertEquals(200, app.get("/health").statusCode());

            proxy.setMode(fault);
            RunningApp.eventually(PROMISE_WITH_MARGIN, "Redis disconnected after " + fault, () -> redisStatus(app).equals("disconnected"));

            HttpResponse<String> services = app.get("/health/services");
            assertEquals(200, services.statusCode(), "Redis is not a required service by default: " + services.body());
            JsonNode redisView = RunningApp.parse(services.body()).get("redis");
            assertTrue(redisView.get("latency_ms").isNull(), redisView.toString());
            HttpResponse<String> health = app.get("/health");
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("healthy", RunningApp.parse(health.body()).get("status").asText());
            assertEquals("disconnected", RunningApp.parse(health.body()).get("redis").asText());
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                HttpResponse<String> liveliness = app.get("/health/liveliness");
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertEquals(200, liveliness.statusCode());
                assertTrue(took.compareTo(FAST) < 0, "liveliness took " + took.toMillis() + " ms during " + fault);
            }

            proxy.setMode(TcpFaultProxy.Mode.PASS);
            RunningApp.eventually(PROMISE_WITH_MARGIN.multipliedBy(2), "Redis connected again after " + fault + " cleared",
                    () -> redisStatus(app).equals("connected"));
            assertTrue(RunningApp.parse(app.get("/health/services").body()).get("redis").get("latency_ms").isNumber());
            assertEquals(200, app.get("/health").statusCode());
        }
    }

    private static String redisStatus(RunningApp app) {
        return RunningApp.parse(app.get("/health/services").body()).get("redis").get("status").asText();
    }
}
