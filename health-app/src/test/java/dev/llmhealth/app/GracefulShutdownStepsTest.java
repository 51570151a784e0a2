package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.app.config.ProxyConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The order of the shutdown steps and its bound, against a recording target (the end-to-end test is GracefulShutdownTest). */
class GracefulShutdownStepsTest {

    /** Records the steps; reports requests in flight for its first {@code busyPolls} polls. */
    private static final class Recording implements GracefulShutdown.Target {
        final List<String> steps = new CopyOnWriteArrayList<>();
        private int busyPolls;

        Recording(int busyPolls) {
            this.busyPolls = busyPolls;
        }

        @Override
        public void beginDrain() {
            steps.add("drain");
        }

        @Override
        public int requestsInFlight() {
            return busyPolls-- > 0 ? 1 : 0;
        }

        @Override
        public void close() {
            steps.add("close");
        }
    }

    @Test
    void drainsFirstWaitsForRequestsInFlightThenCloses() {
        Recording target = new Recording(3);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        boolean clean = new GracefulShutdown(new ProxyConfig.Shutdown(Duration.ofMillis(100), Duration.ofSeconds(30)),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run(target);
        assertTrue(clean);
        assertEquals(List.of("drain", "close"), target.steps);
        assertTrue(log.toString(StandardCharsets.UTF_8).startsWith("shutting down: readiness not_ready"), log.toString());
    }

    @Test
    void closesAtTheEndOfTheGracePeriodWhateverIsStillInFlight() {
        Recording target = new Recording(Integer.MAX_VALUE);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long started = System.nanoTime();
        boolean clean = new GracefulShutdown(new ProxyConfig.Shutdown(Duration.ZERO, Duration.ofMillis(300)),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run(target);
        assertFalse(clean);
        assertEquals(List.of("drain", "close"), target.steps);
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos(), "waited the grace period out");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("1 request(s) still in flight"), log.toString());
    }

    /** Through the real app: readiness drains over HTTP at once, liveliness does not, and a reload cannot undo it. */
    @Test
    void theAppDrainsReadinessOnlyAndRefusesAReloadMeanwhile() {
        String yaml = TestConfigs.config(List.of(), null, null, 0);
        try (RunningApp app = RunningApp.start(yaml)) {
            app.awaitReady();
            app.application().beginDrain();
            var readiness = app.get("/health/readiness");
            assertEquals(503, readiness.statusCode());
            assertEquals("{\"status\":\"not_ready\",\"db_initialized\":false,\"router_initialized\":true,\"draining\":true}",
                    readiness.body());
            assertEquals(200, app.get("/health/liveliness").statusCode());
            assertEquals(200, app.get("/health").statusCode(), "/health tells the proxy's health, not the shutdown");
            assertFalse(app.application().reload(new dev.llmhealth.app.config.ConfigLoader(java.util.Map.of()).parse(yaml)));
            assertEquals(503, app.get("/health/readiness").statusCode());
        }
    }
}
