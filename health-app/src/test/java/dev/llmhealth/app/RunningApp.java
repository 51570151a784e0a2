package dev.llmhealth.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmhealth.app.config.ConfigLoader;
import dev.llmhealth.app.config.ProxyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** The real app (real Helidon, real probes) started from a YAML config on a free port, with a client for it. */
final class RunningApp implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HealthApplication app;

    private RunningApp(HealthApplication app) {
        this.app = app;
    }

    /** The environment is empty on purpose: the machine's DATABASE_URL or REDIS_* must not leak into a test. */
    static RunningApp start(String yaml) {
        return start(yaml, 0);
    }

    static RunningApp start(String yaml, int port) {
        return start(yaml, port, Map.of());
    }

    /**
     * With exactly this environment (e.g. proxy variables), nothing of the machine's; and, unless it
     * names one, a Redis namespace of this app's own, so no other test's leases and verdicts reach it.
     */
    static RunningApp start(String yaml, int port, Map<String, String> environment) {
        Map<String, String> isolated = new HashMap<>(environment);
        isolated.putIfAbsent("PROBE_COORDINATION_NAMESPACE", "test-" + UUID.randomUUID());
        return start(new ConfigLoader(isolated).parse(yaml), port);
    }

    /** A config file (its {@code include:} files beside it), with exactly this environment and a Redis namespace of its own. */
    static RunningApp startFile(java.nio.file.Path file, Map<String, String> environment) {
        Map<String, String> isolated = new HashMap<>(environment);
        isolated.putIfAbsent("PROBE_COORDINATION_NAMESPACE", "test-" + UUID.randomUUID());
        return start(new ConfigLoader(isolated).load(file), 0);
    }

    private static RunningApp start(ProxyConfig config, int port) {
        return new RunningApp(HealthApplication.start(config, port, Clock.systemUTC()));
    }

    int port() {
        return app.port();
    }

    HealthApplication application() {
        return app;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, headers);
    }

    HttpResponse<String> send(String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    JsonNode json(String path) {
        return parse(get(path).body());
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            throw new AssertionError("not JSON: " + body, notJson);
        }
    }

    /** Polls until the condition holds; fails with the message after the bound. */
    static void eventually(Duration bound, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        throw new AssertionError("not within " + bound.toMillis() + " ms: " + what);
    }

    void awaitReady() {
        eventually(Duration.ofSeconds(30), "readiness 200", () -> get("/health/readiness").statusCode() == 200);
    }

    @Override
    public void close() {
        app.close();
    }
}
