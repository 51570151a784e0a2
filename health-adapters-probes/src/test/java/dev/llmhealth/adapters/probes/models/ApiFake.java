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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server that answers like one provider's API ({@link FakeApi}): it accepts only
 * {@link #KEY}, refuses any other key the way that provider does (status and error body), serves
 * its success bodies by path, and can be told to answer the next calls with a provider-shaped
 * 404 model-not-found, 429, 500 or a non-JSON page.
 */
final class ApiFake implements AutoCloseable {

    /** The one key the fake accepts; tests compare header values with it and never print it. */
    static final String KEY = "sk-fake-accepted-0123456789";
    static final String WRONG_KEY = "sk-fake-refused-9876543210";

    enum Answer { OK, MODEL_NOT_FOUND, RATE_LIMITED, SERVER_ERROR, GARBAGE }

    private final FakeApi api;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<FakeProvider.Request> requests = new CopyOnWriteArrayList<>();
    private volatile Answer answer = Answer.OK;

    ApiFake(FakeApi api) throws IOException {
        this.api = api;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:port} followed by {@code path}, e.g. {@code /openai/v1}. */
    String base(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void answer(Answer next) {
        answer = next;
    }

    List<FakeProvider.Request> requests() {
        return List.copyOf(requests);
    }

    FakeProvider.Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.size() + ": "
                    + requests.stream().map(r -> r.method() + " " + r.path()).toList());
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            String query = exchange.getRequestURI().getRawQuery();
            FakeProvider.Request request = new FakeProvider.Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    query == null ? "" : query, headers.get("authorization"), Map.copyOf(headers),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            FakeApi.Reply reply = replyTo(request);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private FakeApi.Reply replyTo(FakeProvider.Request request) {
        String success = api.success(request);
        if (success == null) {
            return api.error(404, "no route " + request.method() + " " + request.path());
        }
        if (api.needsKey(request) && !KEY.equals(api.presentedKey(request))) {
            return api.refusedKey();
        }
        return switch (answer) {
            case OK -> new FakeApi.Reply(200, "application/json", success);
            case MODEL_NOT_FOUND -> api.modelNotFound();
            case RATE_LIMITED -> api.error(429, "rate limit exceeded, slow down");
            case SERVER_ERROR -> api.error(500, "internal error");
            case GARBAGE -> new FakeApi.Reply(200, "text/html", "<html><body>502 Bad Gateway</body></html>");
        };
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
