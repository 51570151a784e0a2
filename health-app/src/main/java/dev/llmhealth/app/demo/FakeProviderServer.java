package dev.llmhealth.app.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OpenAI-compatible provider on loopback, for the demo and the tests: a real HTTP server.
 * The first path segment picks the behaviour, so one server plays many upstreams:
 * {@code http://127.0.0.1:PORT/healthy/v1} answers, {@code /failing/v1} answers 500, and so on.
 * A test can change a segment's behaviour while the app runs and count the calls it received.
 */
public final class FakeProviderServer implements AutoCloseable {

    /** What an upstream does with a request. */
    public enum Behaviour { HEALTHY, FAILING, UNAUTHORIZED, RATE_LIMITED, GARBAGE, HANG, SLOW }

    private static final Map<String, Behaviour> DEFAULTS = Map.of(
            "healthy", Behaviour.HEALTHY, "failing", Behaviour.FAILING, "unauthorized", Behaviour.UNAUTHORIZED,
            "ratelimited", Behaviour.RATE_LIMITED, "garbage", Behaviour.GARBAGE, "hang", Behaviour.HANG, "slow", Behaviour.SLOW);

    private final HttpServer server;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>(DEFAULTS);
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private FakeProviderServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** Starts on 127.0.0.1; port 0 picks a free one. */
    public static FakeProviderServer start(int port) throws IOException {
        return new FakeProviderServer(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The api_base of an upstream behaving as {@code segment} says. */
    public String apiBase(String segment) {
        return "http://127.0.0.1:" + port() + "/" + segment + "/v1";
    }

    public void behave(String segment, Behaviour behaviour) {
        behaviours.put(segment, behaviour);
    }

    public int calls(String segment) {
        AtomicInteger count = calls.get(segment);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String segment = path.length() > 1 ? path.substring(1).split("/", 2)[0] : "";
            calls.computeIfAbsent(segment, s -> new AtomicInteger()).incrementAndGet();
            Behaviour behaviour = behaviours.getOrDefault(segment, Behaviour.HEALTHY);
            switch (behaviour) {
                case HEALTHY -> answer(exchange, 200, okBody(path));
                case SLOW -> {
                    pause(Duration.ofMillis(300));
                    answer(exchange, 200, okBody(path));
                }
                case FAILING -> answer(exchange, 500, "{\"error\":{\"message\":\"upstream exploded\",\"type\":\"server_error\"}}");
                case UNAUTHORIZED -> answer(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}");
                case RATE_LIMITED -> answer(exchange, 429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}");
                case GARBAGE -> answer(exchange, 200, "<html>this is not json");
                case HANG -> pause(Duration.ofMinutes(10));
            }
        }
    }

    private static String okBody(String path) {
        if (path.endsWith("/models")) {
            return "{\"object\":\"list\",\"data\":[{\"id\":\"demo-model\",\"object\":\"model\",\"owned_by\":\"demo\"}]}";
        }
        if (path.endsWith("/embeddings")) {
            return "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,0.2]}],"
                    + "\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}";
        }
        return "{\"id\":\"chatcmpl-demo\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"pong\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/html");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void pause(Duration duration) {
        try {
            closing.await(duration.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
