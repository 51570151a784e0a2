package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.app.FuzzChecks.LoggedFailures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that leaves in the middle of a streamed completion: the proxy cancels the upstream call
 * (no stream kept running for nobody), records it once, as the client's doing and not the
 * deployment's failure, and logs nothing as its own error.
 */
class StreamClientDisconnectTest {

    private static final Map<String, String> GPT4 = Map.of("requested_model", "gpt-4");

    private EndlessEventStream upstream;
    private RunningApp app;

    @BeforeEach
    void start() {
        upstream = EndlessEventStream.start();
        app = RunningApp.start(TestConfigs.config(List.of(new TestConfigs.Model("gpt-4", upstream.apiBase())), null, null, 0));
        app.awaitReady();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @ParameterizedTest(name = "the client {0}")
    @ValueSource(strings = {"closes", "resets"})
    void theUpstreamCallIsCancelledAndRecordedOnce(String how) throws IOException {
        try (LoggedFailures logged = LoggedFailures.attach(Level.INFO)) {
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress("127.0.0.1", app.port()), 5_000);
                client.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
                byte[] body = ProxyCalls.streamedChat("gpt-4").getBytes(StandardCharsets.UTF_8);
                client.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                client.getOutputStream().write(body);
                awaitFirstEvent(client.getInputStream());
                if (how.equals("resets")) {
                    client.setSoLinger(true, 0);
                }
            }
            assertEquals(1, upstream.streamsStarted());
            RunningApp.eventually(Duration.ofSeconds(10), "the upstream's stream cancelled once the client left",
                    () -> upstream.streamsCancelled() == 1);
            RunningApp.eventually(Duration.ofSeconds(10), "the call recorded",
                    () -> ProxyCalls.metrics(app).sum("litellm_deployment_total_requests_total", GPT4) == 1);
            MetricsText metrics = ProxyCalls.metrics(app);
            assertEquals(1, metrics.sum("litellm_deployment_total_requests_total", GPT4), "recorded once");
            assertEquals(0, metrics.sum("litellm_deployment_failure_responses_total", Map.of()), "not the deployment's failure");
            assertEquals(0, metrics.sum("litellm_proxy_failed_requests_metric_total", Map.of()), "nor the proxy's");
            assertEquals(1, metrics.sum("llm_health_client_errors_total", Map.of("reason", "client_disconnected")),
                    "but the client's leaving, counted");
            assertEquals(200, app.get("/health").statusCode(), "the deployment stays healthy");
            logged.assertNone("a client leaving a stream");
        }
    }

    private static void awaitFirstEvent(InputStream in) {
        StringBuilder received = new StringBuilder();
        try {
            while (!received.toString().contains("data: ")) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("closed before the first event: " + received);
                }
                received.append((char) b);
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        assertTrue(received.toString().startsWith("HTTP/1.1 200"), received.toString());
    }
}
