package dev.llmhealth.app.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmhealth.embedded.HealthModule;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.port.out.CacheProbe;
import io.helidon.webserver.WebServer;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An example host proxy (the README's "Embedding" walk-through): it has its own router (in memory),
 * its own cache probe and its own legacy simpleclient counter, embeds the health module with them,
 * and mounts the health routes under {@code /ops} on its own Helidon server next to its own routes.
 */
class ExampleHostTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** The host's router: deployments it may add or drop at run time. */
    static final class InMemoryRouter {
        final List<Deployment> deployments = new CopyOnWriteArrayList<>();

        List<Deployment> deployments() {
            return List.copyOf(deployments);
        }
    }

    /** The host's own cache (say, a Caffeine-backed local cache) reporting as the "redis" service. */
    static final class LocalCacheProbe implements CacheProbe {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public ServiceHealth check(Duration timeout) {
            checks.incrementAndGet();
            return ServiceHealth.connected(0.25);
        }
    }

    private final InMemoryRouter router = new InMemoryRouter();
    private final LocalCacheProbe cache = new LocalCacheProbe();
    private final CollectorRegistry legacy = new CollectorRegistry();
    private HealthModule health;
    private WebServer server;

    @BeforeEach
    void startHost() {
        router.deployments.add(new Deployment("gpt-4-east", "gpt-4", "https://east.example.com/v1", ProbeMode.MODELS));
        router.deployments.add(new Deployment("gpt-4-west", "gpt-4", "https://west.example.com/v1", ProbeMode.MODELS));
        router.deployments.add(new Deployment("claude-main", "claude-3", "https://claude.example.com", ProbeMode.MODELS));

        Counter.build().name("host_requests_total").help("Requests the host proxy served.")
                .labelNames("route").register(legacy).labels("chat").inc(7);

        health = HealthModule.builder()
                .router(router::deployments)
                // the host's own probe: here the west region is down
                .modelProbe((deployment, timeout) -> deployment.id().endsWith("west")
                        ? ProbeResult.unhealthy(ErrorKind.SERVER_ERROR, "HTTP 503 from upstream")
                        : ProbeResult.healthy(Duration.ofMillis(12)))
                .cache(cache)
                .settings(HealthSettings.defaults().withInterval(Duration.ofHours(1)))
                .legacyCollectors(legacy)
                .litellmVersion("1.50.0")
                .build();
        // the checks run on the module's scheduler; a test runs one of each at once to be deterministic
        health.checkServices();
        health.checkRound().runRound();

        server = WebServer.builder()
                .port(0)
                .host("127.0.0.1")
                .addConnectionSelector(health.http10ConnectionSelector())
                .directHandlers(health.directHandlers())
                .routing(routing -> routing
                        .get("/v1/models", (req, res) -> res.send("{\"data\": []}"))
                        .register("/ops", health.routes()))
                .build()
                .start();
    }

    @AfterEach
    void stopHost() {
        if (server != null) {
            server.stop();
        }
        health.close();
    }

    @Test
    void theHostServesHealthUnderItsOwnPathWithItsOwnAdapters() throws Exception {
        HttpResponse<String> response = get("/ops/health");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("healthy", body.get("status").asText());
        assertEquals("not_configured", body.get("db").asText());
        assertEquals("connected", body.get("redis").asText());
        assertEquals("1.50.0", body.get("litellm_version").asText());
        assertEquals(Set.of("gpt-4-east", "claude-main"), ids(body.get("healthy_endpoints")));
        assertEquals(Set.of("gpt-4-west"), ids(body.get("unhealthy_endpoints")));
        assertEquals("HTTP 503 from upstream", body.get("unhealthy_endpoints").get(0).get("error").asText());
        assertTrue(response.headers().firstValue("x-llm-health-version").isPresent());

        JsonNode readiness = JSON.readTree(get("/ops/health/readiness").body());
        assertEquals("ready", readiness.get("status").asText());
        assertEquals(true, readiness.get("router_initialized").asBoolean());
        assertEquals("\"I'm alive!\"", get("/ops/health/liveliness").body());

        JsonNode services = JSON.readTree(get("/ops/health/services").body());
        assertEquals("connected", services.get("redis").get("status").asText());
        assertEquals(0.25, services.get("redis").get("latency_ms").asDouble());
        assertEquals("not_configured", services.get("database").get("status").asText());
        assertTrue(cache.checks.get() >= 1, "the host's cache probe was asked");

        // the host's own shutdown drains readiness first; everything else keeps answering
        health.drain().beginDrain();
        assertEquals(503, get("/ops/health/readiness").statusCode());
        assertEquals(200, get("/ops/health/liveliness").statusCode());

        // the default history keeps the transitions in memory: the west region's fall is one of them
        JsonNode history = JSON.readTree(get("/ops/health/history?model=gpt-4").body()).get("transitions");
        assertEquals(2, history.size(), history.toString());
        JsonNode west = history.get(0).get("subject").asText().equals("gpt-4-west") ? history.get(0) : history.get(1);
        assertEquals("unhealthy", west.get("to").asText());
        assertEquals("HTTP 503 from upstream", west.get("error").asText());

        JsonNode gpt4 = JSON.readTree(get("/ops/health/models?model=gpt-4").body());
        assertEquals(Set.of("gpt-4-east"), ids(gpt4.get("healthy")));
        assertEquals(Set.of("gpt-4-west"), ids(gpt4.get("unhealthy")));

        // the host's own routes are untouched, and the health paths exist only under /ops
        assertEquals(200, get("/v1/models").statusCode());
        assertEquals(404, get("/health").statusCode());
    }

    @Test
    void theHostsLegacyCountersShowOnTheSameMetrics() throws Exception {
        HttpResponse<String> response = get("/ops/metrics");
        assertEquals(200, response.statusCode());
        String text = response.body();
        assertTrue(text.contains("host_requests_total{route=\"chat\"} 7.0"), text);
        assertTrue(text.contains("litellm_health_status 1.0"), text);
        assertTrue(text.contains("litellm_deployment_state{api_base=\"https://west.example.com/v1\""), text);
        assertTrue(text.contains("jvm_"), "the JVM collectors are there too");
    }

    @Test
    void aDeploymentTheRouterAddsIsCheckedInTheNextRound() throws Exception {
        router.deployments.add(new Deployment("mistral-1", "mistral", "https://mistral.example.com", ProbeMode.MODELS));
        health.checkRound().runRound();
        JsonNode body = JSON.readTree(get("/ops/health").body());
        assertEquals(Set.of("gpt-4-east", "claude-main", "mistral-1"), ids(body.get("healthy_endpoints")));
        // and the use cases answer the host directly, without HTTP
        assertEquals(1, health.modelHealth().modelHealth("mistral").healthy().size());
    }

    @Test
    void startedItChecksOnItsOwnScheduler() throws Exception {
        InMemoryRouter otherRouter = new InMemoryRouter();
        otherRouter.deployments.add(new Deployment("local-1", "llama", "http://127.0.0.1:1/v1", ProbeMode.MODELS));
        try (HealthModule background = HealthModule.builder()
                .router(otherRouter::deployments)
                .modelProbe((deployment, timeout) -> ProbeResult.healthy(Duration.ofMillis(1)))
                .standardCollectors(false)
                .build()) {
            assertEquals(503, background.responses().readiness().status(), "not ready before any round");
            background.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!background.readiness().readiness().ready() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(background.readiness().readiness().ready(), "ready after the first scheduled round");
            assertEquals(1, background.modelHealth().modelHealth().healthy().size());
        }
    }

    @Test
    void aModuleWithoutARouterIsRefused() {
        var missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> HealthModule.builder().modelProbe((d, t) -> ProbeResult.healthy(Duration.ZERO)).build());
        assertTrue(missing.getMessage().contains("RouterState"));
    }

    /** Helidon's default answered a head the client cut short with a text/plain 500 and a stack trace in the log. */
    @Test
    void theModulesDirectHandlersAnswerARequestHeadCutShortWithAJson400OnTheHostsListener() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /ops/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Cut: sho".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json"), answer);
            JsonNode error = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).path("error");
            assertEquals("invalid_request_error", error.path("type").asText(), answer);
            assertEquals("400", error.path("code").asText(), answer);
        }
        String metrics = new String(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.port() + "/ops/metrics")).build(), HttpResponse.BodyHandlers.ofByteArray()).body(),
                StandardCharsets.UTF_8);
        assertTrue(metrics.contains("llm_health_client_errors_total{reason=\"incomplete_request\"} 1.0"), metrics);
    }

    @Test
    void theHttp10SelectorAnswersOnTheHostsListener() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health/readiness HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.0 200"), answer);
            assertTrue(answer.contains("\"ready\""), answer);
        }
    }

    @Test
    void aHostOnAnotherStackRendersTheSameAnswers() throws Exception {
        var answer = health.responses().readiness();
        assertEquals(200, answer.status());
        assertEquals("application/json", answer.contentType());
        assertEquals("ready", JSON.readTree(answer.bodyText()).get("status").asText());
        assertEquals(200, health.metrics().scrape("text/plain").status());
    }

    private static Set<String> ids(JsonNode list) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        list.forEach(e -> ids.add(e.get("model_id").asText()));
        return ids;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
