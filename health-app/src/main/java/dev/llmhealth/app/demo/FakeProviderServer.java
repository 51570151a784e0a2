package dev.llmhealth.app.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A small OpenAI-compatible provider on loopback, for the demo and the tests: a real HTTP server.
 * The first path segment picks the behaviour, so one server plays many upstreams:
 * {@code http://127.0.0.1:PORT/healthy/v1} answers, {@code /failing/v1} answers 500, and so on.
 * A test can change a segment's behaviour while the app runs, count the calls it received (per
 * endpoint too), and see the most requests it ever had in flight at once.
 * Chat answers report the token usage set with {@link #usage}; asked to {@code stream}, they come
 * as server-sent events, a few chunks apart, the last one carrying the usage.
 */
public final class FakeProviderServer implements AutoCloseable {

    /** What an upstream does with a request. */
    public enum Behaviour { HEALTHY, FAILING, UNAUTHORIZED, RATE_LIMITED, GARBAGE, HANG, SLOW }

    private static final Map<String, Behaviour> DEFAULTS = Map.of(
            "healthy", Behaviour.HEALTHY, "failing", Behaviour.FAILING, "unauthorized", Behaviour.UNAUTHORIZED,
            "ratelimited", Behaviour.RATE_LIMITED, "garbage", Behaviour.GARBAGE, "hang", Behaviour.HANG, "slow", Behaviour.SLOW);

    private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");

    private final HttpServer server;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>(DEFAULTS);
    /** The calls whose answer has started (an exchange's own attributes are its context's, shared by all calls). */
    private final Set<HttpExchange> answering = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> callsByPath = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final Map<String, Received> lastRequests = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Usage usage = new Usage(1, 1);

    /** The token counts chat answers report. */
    public record Usage(int promptTokens, int completionTokens) {
    }

    /** What a request carried: its {@code Authorization} header (empty when none) and body. */
    public record Received(String authorization, String body) {
    }

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

    public void usage(int promptTokens, int completionTokens) {
        usage = new Usage(promptTokens, completionTokens);
    }

    /** The latest request an upstream received, if any. */
    public Optional<Received> lastRequest(String segment) {
        return Optional.ofNullable(lastRequests.get(segment));
    }

    public int calls(String segment) {
        AtomicInteger count = calls.get(segment);
        return count == null ? 0 : count.get();
    }

    /** Calls to an upstream's endpoint, e.g. {@code calls("healthy", "/models")} or {@code calls("healthy", "/chat/completions")}. */
    public int calls(String segment, String endpoint) {
        String prefix = "/" + segment + "/";
        return callsByPath.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getKey().endsWith(endpoint))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    /** The most requests (to any upstream) that were in flight at once. */
    public int peakConcurrentCalls() {
        return peakInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            respond(exchange);
        } finally {
            answering(exchange);
            answering.remove(exchange);
        }
    }

    /**
     * A call stops counting as in flight when its answer starts: once the client has its answer it
     * may send the next call, which must not find this one still counted (that would overstate the peak).
     */
    private void answering(HttpExchange exchange) {
        if (answering.add(exchange)) {
            inFlight.decrementAndGet();
        }
    }

    private void respond(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String segment = path.length() > 1 ? path.substring(1).split("/", 2)[0] : "";
            lastRequests.put(segment, new Received(
                    Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Authorization"), ""), body));
            calls.computeIfAbsent(segment, s -> new AtomicInteger()).incrementAndGet();
            callsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Behaviour behaviour = behaviours.getOrDefault(segment, Behaviour.HEALTHY);
            boolean stream = path.endsWith("/chat/completions") && STREAM.matcher(body).find();
            switch (behaviour) {
                case HEALTHY -> ok(exchange, path, stream);
                case SLOW -> {
                    pause(Duration.ofMillis(300));
                    ok(exchange, path, stream);
                }
                case FAILING -> answer(exchange, 500, "{\"error\":{\"message\":\"upstream exploded\",\"type\":\"server_error\"}}");
                case UNAUTHORIZED -> answer(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}");
                case RATE_LIMITED -> answer(exchange, 429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}");
                case GARBAGE -> answer(exchange, 200, "<html>this is not json");
                case HANG -> pause(Duration.ofMinutes(10));
            }
        }
    }

    private void ok(HttpExchange exchange, String path, boolean stream) throws IOException {
        if (stream) {
            streamChat(exchange);
        } else {
            answer(exchange, 200, okBody(path));
        }
    }

    /** OpenAI's streamed chat: a role chunk, content chunks, a last chunk with the usage, then [DONE]. */
    private void streamChat(HttpExchange exchange) throws IOException {
        Usage reported = usage;
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        answering(exchange);
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            String chunk = "{\"id\":\"chatcmpl-demo\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":%s,"
                    + "\"finish_reason\":%s}]}";
            for (String event : new String[] {
                    chunk.formatted("{\"role\":\"assistant\"}", "null"),
                    chunk.formatted("{\"content\":\"po\"}", "null"),
                    chunk.formatted("{\"content\":\"ng\"}", "\"stop\""),
                    "{\"id\":\"chatcmpl-demo\",\"object\":\"chat.completion.chunk\",\"choices\":[]," + usageJson(reported) + "}",
                    "[DONE]"}) {
                out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                pause(Duration.ofMillis(20));
            }
        }
    }

    private static String usageJson(Usage usage) {
        return "\"usage\":{\"prompt_tokens\":" + usage.promptTokens() + ",\"completion_tokens\":" + usage.completionTokens()
                + ",\"total_tokens\":" + (usage.promptTokens() + usage.completionTokens()) + "}";
    }

    private String okBody(String path) {
        if (path.endsWith("/models")) {
            return "{\"object\":\"list\",\"data\":[{\"id\":\"demo-model\",\"object\":\"model\",\"owned_by\":\"demo\"}]}";
        }
        if (path.endsWith("/embeddings")) {
            Usage reported = usage;
            return "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,0.2]}],"
                    + "\"usage\":{\"prompt_tokens\":" + reported.promptTokens() + ",\"total_tokens\":" + reported.promptTokens() + "}}";
        }
        return "{\"id\":\"chatcmpl-demo\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"pong\"},\"finish_reason\":\"stop\"}],"
                + usageJson(usage) + "}";
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/html");
        answering(exchange);
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
