package dev.llmhealth.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * One real HTTP server that answers the free listing calls of several provider families under
 * path prefixes of its own ({@code /openai/v1/models}, {@code /anthropic/v1/models},
 * {@code /azure/openai/models}, {@code /ollama/api/tags}), as those APIs answer them, and refuses
 * with 401 any call that carries none of the keys it was told to accept (in whichever header the
 * family uses). It records every request, so a test sees which key went where.
 */
final class RecordingProvider implements AutoCloseable {

    /** One request as received: the headers' names in lower case. */
    record Request(String method, String pathAndQuery, Map<String, String> headers) {

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    private static final String MODEL_LIST = "{\"object\":\"list\",\"data\":[{\"id\":\"some-model\",\"object\":\"model\"}]}";
    private static final String OLLAMA_TAGS = "{\"models\":[{\"name\":\"llama3:latest\",\"model\":\"llama3:latest\"}]}";
    private static final String REFUSED = "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}";

    private final HttpServer server;
    private final Set<String> acceptedKeys;
    private final List<Request> received = new CopyOnWriteArrayList<>();

    private RecordingProvider(Set<String> acceptedKeys) {
        this.acceptedKeys = Set.copyOf(acceptedKeys);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::answer);
        server.start();
    }

    /** @param acceptedKeys the keys any family may present; Ollama needs none */
    static RecordingProvider accepting(Set<String> acceptedKeys) {
        return new RecordingProvider(acceptedKeys);
    }

    String base(String prefix) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    List<Request> received(String pathPrefix) {
        return received.stream().filter(r -> r.pathAndQuery().startsWith(pathPrefix)).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        Request request = new Request(exchange.getRequestMethod(), query == null ? path : path + "?" + query, headers);
        received.add(request);
        exchange.getRequestBody().readAllBytes();
        if (path.endsWith("/api/tags")) {
            reply(exchange, 200, OLLAMA_TAGS);
        } else if (!authorized(request)) {
            reply(exchange, 401, REFUSED);
        } else if (path.endsWith("/models") && request.method().equals("GET")) {
            reply(exchange, 200, MODEL_LIST);
        } else {
            reply(exchange, 404, "{\"error\":{\"message\":\"no such route\"}}");
        }
    }

    private boolean authorized(Request request) {
        String bearer = request.header("authorization").replaceFirst("^Bearer ", "");
        return acceptedKeys.contains(bearer) || acceptedKeys.contains(request.header("x-api-key"))
                || acceptedKeys.contains(request.header("api-key"));
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
