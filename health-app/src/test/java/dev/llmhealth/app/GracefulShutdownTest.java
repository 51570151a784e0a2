package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the real app in a child JVM ({@code dev.llmhealth.app.Main}, the test classpath):
 * readiness turns 503 while liveliness stays 200, a pass-through call in flight to a slow provider
 * still completes with 200, and the process exits 0 within the grace period. A call that outlasts
 * the grace period is cut, and the process still exits 0 in time.
 */
class GracefulShutdownTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Environment the child must not see: the machine's services and keys would change what it does. */
    private static final List<String> UNSET = List.of("DATABASE_URL", "REDIS_URL", "REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD",
            "LITELLM_MASTER_KEY", "PORT", "HOST", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy");
    /** Generous: a child JVM starting on a shared 2-core machine. */
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private HttpServer provider;
    private ChildProcess app;
    private final CountDownLatch callReceived = new CountDownLatch(1);
    private final CountDownLatch providerClosing = new CountDownLatch(1);

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        providerClosing.countDown();
        if (provider != null) {
            provider.stop(0);
        }
    }

    @Test
    void sigtermDrainsReadinessFirstLetsTheCallInFlightFinishAndExitsZero() throws Exception {
        startProvider(Duration.ofSeconds(4));
        int port = startApp(Duration.ofSeconds(1), Duration.ofSeconds(20));
        CompletableFuture<HttpResponse<String>> inFlight = chatCompletion(port);
        assertTrue(callReceived.await(30, TimeUnit.SECONDS), "the call reached the provider\n" + app.output());

        long terminated = System.nanoTime();
        app.terminate();

        RunningApp.eventually(Duration.ofSeconds(15), "readiness 503 after SIGTERM", () -> status(port, "/health/readiness") == 503);
        HttpResponse<String> readiness = get(port, "/health/readiness");
        assertEquals("not_ready", RunningApp.parse(readiness.body()).path("status").asText(), readiness.body());
        assertTrue(RunningApp.parse(readiness.body()).path("draining").asBoolean(), readiness.body());
        assertEquals(200, status(port, "/health/liveliness"), "liveliness stays 200 while draining");

        // the provider answers 4 s after the call arrived, past the 1 s drain delay: the shutdown waits for it
        HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body() + "\n" + app.output());
        assertEquals("pong", RunningApp.parse(answer.body()).at("/choices/0/message/content").asText());

        OptionalInt exit = app.waitFor(Duration.ofSeconds(20 + 15));
        assertTrue(exit.isPresent(), "still running long after the grace period\n" + app.output());
        assertEquals(0, exit.getAsInt(), app.output());
        long tookMillis = (System.nanoTime() - terminated) / 1_000_000;
        assertTrue(tookMillis < 35_000, "took " + tookMillis + " ms");
        String output = app.output();
        assertTrue(output.contains("shutting down: readiness not_ready"), output);
        // logged through java.util.logging while the JVM's shutdown hooks run: the JDK's own hook no longer silences it
        assertTrue(output.contains("Helidon WebServer stopped all channels"), output);
        assertFalse(output.contains("Exception") || output.contains("\tat "), output);
    }

    @Test
    void aCallThatOutlastsTheGracePeriodIsCutAndTheProcessStillExitsInTime() throws Exception {
        startProvider(Duration.ofMinutes(5));
        int port = startApp(Duration.ofMillis(500), Duration.ofSeconds(3));
        CompletableFuture<HttpResponse<String>> inFlight = chatCompletion(port);
        assertTrue(callReceived.await(30, TimeUnit.SECONDS), "the call reached the provider\n" + app.output());

        app.terminate();

        OptionalInt exit = app.waitFor(Duration.ofSeconds(3 + 15));
        assertTrue(exit.isPresent(), "a hung call must not hold the shutdown past its grace period\n" + app.output());
        assertEquals(0, exit.getAsInt(), app.output());
        assertTrue(app.output().contains("1 request(s) still in flight at the end of the grace period were cut"), app.output());
        assertTrue(inFlight.handle((response, failure) -> failure != null || response.statusCode() >= 500).get(30, TimeUnit.SECONDS),
                "the cut call got no answer (or an error)");
    }

    /** An OpenAI-compatible provider whose chat completions answer after {@code delay}; its model list at once. */
    private void startProvider(Duration delay) throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        provider.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        provider.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
                    callReceived.countDown();
                    providerClosing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
                    answer(exchange, "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                            + "{\"role\":\"assistant\",\"content\":\"pong\"},\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}");
                } else {
                    answer(exchange, "{\"object\":\"list\",\"data\":[{\"id\":\"slow-model\",\"object\":\"model\"}]}");
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        });
        provider.start();
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Starts Main in a child JVM and waits until it is ready; returns its port. */
    private int startApp(Duration drainDelay, Duration gracePeriod) throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                model_list:
                  - model_name: slow-model
                    litellm_params: {model: openai/slow-model, api_base: "http://127.0.0.1:%d/v1", api_key: sk-test-key}
                general_settings:
                  health_check_interval: 30
                  health_check_timeout: 5
                  shutdown_drain_delay: %s
                  shutdown_grace_period: %s
                """.formatted(provider.getAddress().getPort(), drainDelay.toMillis() / 1000.0, gracePeriod.toMillis() / 1000.0));
        int port = ExternalProgram.freePort();
        List<String> command = new ArrayList<>(List.of("env"));
        UNSET.forEach(variable -> command.addAll(List.of("-u", variable)));
        command.addAll(List.of(ProcessHandle.current().info().command().orElseThrow(), "-XX:+UseSerialGC", "-Xmx96m",
                "-cp", System.getProperty("java.class.path"), "dev.llmhealth.app.Main",
                "--config", config.toString(), "--port", String.valueOf(port), "--host", "127.0.0.1"));
        app = ChildProcess.start("health-app", dir, command);
        RunningApp.eventually(START, "the child app ready\n" + app.output(),
                () -> app.isAlive() && status(port, "/health/readiness") == 200);
        return port;
    }

    private static CompletableFuture<HttpResponse<String>> chatCompletion(int port) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"slow-model\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** -1 when the app does not answer (not up yet, or gone). */
    private static int status(int port, String path) {
        try {
            return get(port, path).statusCode();
        } catch (IOException | RuntimeException notAnswering) {
            return -1;
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException(interrupted);
        }
    }
}
