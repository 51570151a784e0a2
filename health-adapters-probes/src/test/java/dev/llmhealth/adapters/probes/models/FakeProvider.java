package dev.llmhealth.adapters.probes.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server standing in for a model provider. The first path segment picks its behaviour,
 * so one server serves every case: {@code /ok/v1}, {@code /status-500/v1}, {@code /garbage/v1},
 * {@code /hang/v1}, {@code /error-in-200/v1}.
 */
final class FakeProvider implements AutoCloseable {

    static final String CANARY = "sk-canary-123456";

    record Request(String method, String path, String authorization, String body) {
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

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            String behaviour = path.split("/")[1];
            switch (behaviour) {
                case "ok" -> respond(exchange, 200, "application/json", "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\"}]}");
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
