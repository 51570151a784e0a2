package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmhealth.app.logging.JsonLogFormatter;
import dev.llmhealth.domain.policy.SecretRedactor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/**
 * Canary secrets planted everywhere a secret can be (API keys of every provider family, the master
 * key, the database and Redis passwords, a proxy password, credentials in an api_base) while every
 * upstream echoes keys back in its errors ({@code sk-...}, {@code Bearer ...}, {@code api-key=...})
 * and the database and Redis are unreachable. Every endpoint's body, {@code /metrics} and everything
 * logged meanwhile must be free of them. Every secret holds the word "canary" and nothing else does,
 * so one search finds any of them, whole or in part.
 */
class SecretsNeverLeakEndToEndTest {

    private static final String MARK = "canary";
    private static final String MASTER_KEY = "sk-canary-master-key-0001";
    private static final Duration BOUND = Duration.ofSeconds(30);

    /** A provider that quotes the key it was sent (and some foreign ones) in every error. */
    private static final class EchoingProvider implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

        EchoingProvider() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(handlers);
            server.createContext("/", this::handle);
            server.start();
        }

        String base(String behaviour) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + behaviour;
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String key = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Authorization"), "")
                        .replaceFirst("^Bearer ", "")
                        + Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("api-key"), "")
                        + Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("x-api-key"), "");
                String echo = "Incorrect API key provided: " + key + ". You sent Authorization: Bearer " + key + " and api-key=" + key
                        + "; see also sk-canary-foreign-7777, Bearer sk-canary-foreign-8888, api-key=canary-foreign-9999,"
                        + " x-api-key: canary-foreign-1111, https://user:canary-url-password@upstream.example/v1";
                String behaviour = exchange.getRequestURI().getPath().split("/")[1];
                switch (behaviour) {
                    case "echo-401" -> respond(exchange, 401, "{\"error\":{\"message\":" + RunningApp.JSON.writeValueAsString(echo) + "}}");
                    case "echo-in-200" -> respond(exchange, 200, "{\"error\":{\"message\":" + RunningApp.JSON.writeValueAsString(echo) + "}}");
                    case "echo-long" -> respond(exchange, 500, " ".repeat(790) + echo + "\n".repeat(100) + echo);
                    default -> respond(exchange, 500, "upstream crashed. " + echo);
                }
            }
        }

        private static void respond(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    /**
     * Everything logged through java.util.logging (Helidon, HikariCP, Jedis via SLF4J, our own), formatted as an
     * operator sees it: as text and as JSON lines (without the config's secrets given to the JSON redactor).
     */
    private static final class CapturedLog extends Handler {
        private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        private final SimpleFormatter formatter = new SimpleFormatter();
        private final JsonLogFormatter json = new JsonLogFormatter(SecretRedactor.shapesOnly());

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.format(record));
            lines.add(json.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        String text() {
            return String.join("", lines);
        }
    }

    @Test
    void noCanaryInAnyResponseMetricOrLogLine() throws Exception {
        CapturedLog log = new CapturedLog();
        log.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(log);
        int closedPort = closedPort();
        Map<String, String> responses = new LinkedHashMap<>();
        try (EchoingProvider provider = new EchoingProvider();
             RunningApp app = RunningApp.start(config(provider, closedPort), 0, Map.of(
                     "HTTP_PROXY", "http://probe:canary-proxy-password@127.0.0.1:" + closedPort,
                     "NO_PROXY", "127.0.0.1,localhost"))) {
            String auth = "Bearer " + MASTER_KEY;
            // every deployment checked and failed, both services found down
            RunningApp.eventually(BOUND, "every deployment checked and unhealthy", () -> {
                JsonNode models = RunningApp.parse(app.get("/health/models", "Authorization", auth).body());
                return models.get("unhealthy").size() == 7;
            });
            RunningApp.eventually(BOUND, "database and Redis disconnected", () -> {
                JsonNode services = RunningApp.parse(app.get("/health/services", "Authorization", auth).body());
                return services.get("database").get("status").asText().equals("disconnected")
                        && services.get("redis").get("status").asText().equals("disconnected");
            });

            for (String path : List.of("/health", "/health/models", "/health/services", "/health/readiness", "/health/liveliness",
                    "/health/liveness", "/health/models?model=openai-echo", "/health/services?service=database", "/metrics",
                    "/health?model=azure-echo", "/health?model=anthropic-echo", "/no/such/path")) {
                responses.put(path + " (with key)", describe(app.get(path, "Authorization", auth)));
                responses.put(path + " (without key)", describe(app.get(path)));
                responses.put(path + " (wrong key)", describe(app.get(path, "Authorization", "Bearer sk-wrong-key")));
            }
            responses.put("/metrics (openmetrics)", describe(app.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0")));
            responses.put("POST /v1/chat/completions", describe(post(app, "/v1/chat/completions", auth,
                    "{\"model\":\"openai-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
            responses.put("POST /v1/chat/completions (no key)", describe(post(app, "/v1/chat/completions", null,
                    "{\"model\":\"openai-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));

            // the errors are there, useful, and masked: the test looked at real upstream answers
            JsonNode unhealthy = RunningApp.parse(app.get("/health/models", "Authorization", auth).body()).get("unhealthy");
            RunningApp.eventually(BOUND, "every deployment failed on its upstream's answer", () -> {
                JsonNode latest = RunningApp.parse(app.get("/health/models", "Authorization", auth).body()).get("unhealthy");
                for (JsonNode entry : latest) {
                    if (!entry.get("error").asText().startsWith("HTTP ")) {
                        return false;
                    }
                }
                return true;
            });
            String errors = unhealthy.toString();
            assertTrue(errors.contains("HTTP 401 from upstream: Incorrect API key provided: ***"), errors);
            assertTrue(errors.contains("HTTP 500 from upstream"), errors);
            assertTrue(errors.contains("Bearer ***"), errors);
        } finally {
            root.removeHandler(log);
        }

        List<String> leaks = new ArrayList<>();
        responses.forEach((what, body) -> {
            if (body.toLowerCase(Locale.ROOT).contains(MARK)) {
                leaks.add(what + ": " + excerpt(body));
            }
        });
        String logged = log.text();
        if (logged.toLowerCase(Locale.ROOT).contains(MARK)) {
            leaks.add("log: " + excerpt(logged));
        }
        assertTrue(responses.get("/metrics (with key)").contains("# TYPE"), "metrics were served");
        assertFalse(logged.isEmpty(), "the log was captured");
        assertEquals(List.of(), leaks);
    }

    private static String config(EchoingProvider provider, int closedPort) {
        return """
                model_list:
                  - model_name: openai-echo
                    litellm_params:
                      model: openai/gpt-4o
                      api_base: %s/v1
                      api_key: sk-canary-openai-key-0002
                    model_info:
                      health_check_mode: completion
                  - model_name: openai-in-200
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: http://someone:canary-base-password@%s/v1
                      api_key: sk-canary-openai-key-0003
                  - model_name: azure-echo
                    litellm_params:
                      model: azure/my-deployment
                      api_base: %s
                      api_key: canaryazurekey0004abcdef
                      api_version: "2024-06-01"
                    model_info:
                      health_check_mode: completion
                  - model_name: anthropic-echo
                    litellm_params:
                      model: anthropic/claude-3-5-haiku
                      api_base: %s
                      api_key: sk-ant-canary-0005
                  - model_name: ollama-echo
                    litellm_params:
                      model: ollama/llama3
                      api_base: %s
                      api_key: canary-ollama-0006
                  - model_name: generic-echo
                    litellm_params:
                      model: my-gateway/anthropic.claude-v2
                      api_base: %s
                      api_key: canary-generic-0007
                  - model_name: long-echo
                    litellm_params:
                      model: hosted_vllm/llama
                      api_base: %s/v1
                      api_key: canarylongkey0008xyz
                general_settings:
                  master_key: %s
                  database_url: postgresql://llmproxy:canary-db-password@127.0.0.1:%d/litellm
                  health_check_interval: 1
                  health_check_timeout: 1
                  interval_jitter_percent: 0
                  service_check_interval: 0.5
                router_settings:
                  redis_host: 127.0.0.1
                  redis_port: %d
                  redis_password: canary-redis-password
                """.formatted(provider.base("echo-401"), provider.base("echo-in-200").substring("http://".length()),
                provider.base("echo-401"), provider.base("echo-401"), provider.base("echo-401"), provider.base("echo-500"),
                provider.base("echo-long"), MASTER_KEY, closedPort, closedPort);
    }

    private static HttpResponse<String> post(RunningApp app, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url(path)))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Status, headers and body: a header can leak too. */
    private static String describe(HttpResponse<String> response) {
        return response.statusCode() + " " + response.headers().map() + "\n" + response.body();
    }

    private static String excerpt(String text) {
        int at = text.toLowerCase(Locale.ROOT).indexOf(MARK);
        return text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 200));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
