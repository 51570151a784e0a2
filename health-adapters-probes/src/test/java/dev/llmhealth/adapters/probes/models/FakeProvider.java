package dev.llmhealth.adapters.probes.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server standing in for a model provider. The first path segment picks its behaviour,
 * so one server serves every case: {@code /ok/v1}, {@code /status-500/v1}, {@code /garbage/v1},
 * {@code /hang/v1}, {@code /error-in-200/v1}, and for other families {@code /anthropic-401},
 * {@code /ollama-404}, {@code /teapot}, {@code /redirect}. {@code /ok} answers in the shape of the
 * family the rest of the path belongs to ({@code /api/tags}, {@code /v1/messages}, ...).
 */
final class FakeProvider implements AutoCloseable {

    static final String CANARY = "sk-canary-123456";
    /** Prompt and completion tokens each family's successful completion reports. */
    static final long[] OPENAI_USAGE = {5, 2};
    static final long[] ANTHROPIC_USAGE = {9, 4};
    static final long[] OLLAMA_USAGE = {7, 3};

    /** @param query the raw query string, empty when none; @param headers lower-case names, first values */
    record Request(String method, String path, String query, String authorization, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    String apiBase(String behaviour) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + behaviour + "/v1";
    }

    /** A base URL without {@code /v1}, for families that add their own paths. */
    String root(String behaviour) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + behaviour;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(new Request(exchange.getRequestMethod(), path, query == null ? "" : query,
                    exchange.getRequestHeaders().getFirst("Authorization"), Map.copyOf(headers), body));
            String behaviour = path.split("/")[1];
            switch (behaviour) {
                case "ok" -> respond(exchange, 200, "application/json", okBody(path));
                case "anthropic-401" -> respond(exchange, 401, "application/json", "{\"type\":\"error\",\"error\":{\"type\":"
                        + "\"authentication_error\",\"message\":\"invalid x-api-key " + CANARY + "\"}}");
                case "ollama-404" -> respond(exchange, 404, "application/json",
                        "{\"error\":\"model \\\"llama3\\\" not found, try pulling it first\"}");
                case "teapot" -> respond(exchange, 418, "text/plain", "I'm a teapot");
                case "redirect" -> respond(exchange, 302, "text/plain", "");
                case "garbage" -> respond(exchange, 200, "text/html", "<html><body>Welcome to nginx!</body></html>");
                case "error-in-200" -> respond(exchange, 200, "application/json",
                        "{\"error\":{\"message\":\"model overloaded, key " + CANARY + "\"}}");
                case "hang" -> awaitRelease();
                case "status-500" -> respond(exchange, 500, "text/plain", CANARY + " Bearer " + CANARY);
                default -> {
                    // status-NNN: an OpenAI-shaped error that echoes the key, as some proxies do
                    int status = Integer.parseInt(behaviour.substring("status-".length()));
                    respond(exchange, status, "application/json", "{\"error\":{\"message\":\"Incorrect API key provided: "
                            + CANARY + ". Header was Authorization: Bearer " + CANARY + "\",\"type\":\"invalid_request_error\"}}");
                }
            }
        }
    }

    /** A success in the shape the path's provider family answers with, token usage included. */
    private static String okBody(String path) {
        if (path.endsWith("/api/tags")) {
            return "{\"models\":[{\"name\":\"llama3:latest\",\"model\":\"llama3:latest\"},{\"name\":\"qwen2:7b\",\"model\":\"qwen2:7b\"}]}";
        }
        if (path.endsWith("/api/chat") || path.endsWith("/api/generate")) {
            return "{\"model\":\"llama3\",\"message\":{\"role\":\"assistant\",\"content\":\"pong\"},\"done\":true,"
                    + "\"prompt_eval_count\":" + OLLAMA_USAGE[0] + ",\"eval_count\":" + OLLAMA_USAGE[1] + "}";
        }
        if (path.endsWith("/api/embed")) {
            return "{\"model\":\"nomic\",\"embeddings\":[[0.1,0.2]],\"prompt_eval_count\":" + OLLAMA_USAGE[0] + "}";
        }
        if (path.endsWith("/v1/messages")) {
            return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"pong\"}],"
                    + "\"usage\":{\"input_tokens\":" + ANTHROPIC_USAGE[0] + ",\"output_tokens\":" + ANTHROPIC_USAGE[1] + "}}";
        }
        if (path.endsWith("/completions") || path.endsWith("/embeddings")) {
            return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"pong\"}}],\"usage\":{\"prompt_tokens\":" + OPENAI_USAGE[0] + ",\"completion_tokens\":" + OPENAI_USAGE[1] + "}}";
        }
        return "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\"}]}";
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (status / 100 == 3) {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:1/elsewhere");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
