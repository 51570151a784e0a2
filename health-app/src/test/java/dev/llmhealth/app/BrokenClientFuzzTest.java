package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.app.BrokenRequests.End;
import dev.llmhealth.app.BrokenRequests.Fault;
import dev.llmhealth.app.FuzzChecks.LoggedFailures;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A property-style fuzz over raw sockets: {@value #CASES} requests from {@link BrokenRequests} with seed
 * {@value #SEED}, on every route, each broken in one place or not at all, each client half-closing,
 * closing or resetting. Whatever came, the properties hold: no 5xx (the app is healthy, so not even
 * the health endpoints' deliberate 503), the JSON error shape on every 4xx with a body, a broken body
 * on the pass-through refused with a 4xx and never forwarded nor counted as a failure of the proxy or
 * the deployment, no stack trace in the log at INFO or above, and afterwards liveliness answers at
 * once and no file descriptor or thread is left behind.
 */
class BrokenClientFuzzTest {

    static final long SEED = 20L;
    static final int CASES = 2_000;
    /** The faults a server that reads the body can only answer with a refusal. */
    private static final Set<Fault> UNREADABLE = EnumSet.of(Fault.SHORT_BODY, Fault.CHUNK_ENDS_EARLY, Fault.CHUNK_SIZE,
            Fault.CHUNK_UNTERMINATED);
    private static final Set<String> DELIBERATE_503 = Set.of("/health", "/health/readiness", "/health/services");

    @RegisterExtension
    static final HealthyApp healthy = HealthyApp.started();

    @Test
    void noBrokenRequestGetsA5xxALeakOrAStackTraceAndNoneIsForwardedOrCountedAsAFailure() {
        int port = healthy.app().port();
        int forwardedBefore = forwarded();
        long fdsBefore = openFileDescriptors();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        BrokenRequests generator = new BrokenRequests(SEED);
        List<String> violations = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        int passThroughSuccesses = 0;
        try (LoggedFailures logged = LoggedFailures.attach(Level.INFO)) {
            for (int i = 0; i < CASES; i++) {
                BrokenRequests.Request request = generator.next();
                List<RawHttp.Response> answers = exchange(port, request, violations);
                for (RawHttp.Response answer : answers) {
                    statuses.merge(request.fault() + " " + answer.status(), 1, Integer::sum);
                    check(request, answer, violations);
                    if (request.passThrough() && answer.status() == 200) {
                        passThroughSuccesses++;
                    }
                }
                if (request.end() == End.HALF_CLOSE && request.passThrough() && UNREADABLE.contains(request.fault())
                        && (answers.isEmpty() || answers.getFirst().status() / 100 != 4)) {
                    violations.add(request + ": an unreadable body must be refused with a 4xx, got "
                            + (answers.isEmpty() ? "no answer" : answers.getFirst().statusLine()));
                }
                if (i % 250 == 0) {
                    FuzzChecks.assertStillServing(port, request.toString());
                }
            }
            assertTrue(violations.isEmpty(), violations.size() + " violations (seed " + SEED + "), " + logged.count()
                    + " stack traces logged, statuses " + statuses + "; the first: " + violations.subList(0, Math.min(20, violations.size())));
            logged.assertNone("the fuzz (seed " + SEED + ")");
        }

        int expectedForwards = forwardedBefore + passThroughSuccesses;
        RunningApp.eventually(Duration.ofSeconds(10), "only the well-formed calls forwarded", () -> forwarded() == expectedForwards);
        MetricsText metrics = ProxyCalls.metrics(healthy.app());
        assertEquals(0, metrics.sum("litellm_proxy_failed_requests_metric_total", Map.of()),
                "a client's broken request is not a failure of the proxy");
        assertEquals(0, metrics.sum("litellm_deployment_failure_responses_total", Map.of()),
                "nor of a deployment");
        assertTrue(metrics.sum("llm_health_client_errors_total", Map.of()) > 0, "but counted as the client's error");
        assertEquals(200, healthy.app().get("/health").statusCode(), "no deployment cooled down");

        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            FuzzChecks.assertStillServing(port, "the fuzz");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 2_000, "liveliness took " + millis + " ms after the fuzz");
        }
        RunningApp.eventually(Duration.ofSeconds(30), "no file descriptor left behind (" + fdsBefore + " before)",
                () -> openFileDescriptors() <= fdsBefore + 10);
        RunningApp.eventually(Duration.ofSeconds(30), "no thread left behind (" + threadsBefore + " before)",
                () -> ManagementFactory.getThreadMXBean().getThreadCount() <= threadsBefore + 5);
    }

    private static List<RawHttp.Response> exchange(int port, BrokenRequests.Request request, List<String> violations) {
        try (RawHttp http = RawHttp.connect(port)) {
            http.sendAsMuchAsAccepted(request.bytes());
            switch (request.end()) {
                case CLOSE -> {
                    return List.of();
                }
                case RESET -> {
                    http.reset();
                    return List.of();
                }
                case HALF_CLOSE -> http.halfClose();
            }
            RawHttp.ToEnd received = http.readToEnd();
            if (received.end() == RawHttp.End.TIMED_OUT) {
                violations.add(request + ": neither answered in full nor closed: " + received.text());
                return List.of();
            }
            String text = received.text();
            for (String marker : FuzzChecks.LEAK_MARKERS) {
                if (text.contains(marker)) {
                    violations.add(request + ": the answer carries '" + marker.strip() + "': " + text);
                }
            }
            return responses(request, received.received(), violations);
        }
    }

    private static void check(BrokenRequests.Request request, RawHttp.Response answer, List<String> violations) {
        int status = answer.status();
        if (status >= 500 && !(status == 503 && DELIBERATE_503.contains(request.path()))) {
            violations.add(request + ": " + answer.statusLine() + " " + answer.bodyText());
            return;
        }
        if (status >= 400 && answer.body().length > 0) {
            String contentType = String.valueOf(answer.header("content-type"));
            JsonNode error = contentType.startsWith("application/json") ? parseOrNull(answer.bodyText()) : null;
            JsonNode inner = error == null ? null : error.path("error");
            if (inner == null || !inner.path("message").isTextual() || !inner.path("type").isTextual() || !inner.has("param")
                    || !inner.has("code")) {
                violations.add(request + ": " + status + " without the JSON error shape: " + contentType + " " + answer.bodyText());
            }
        }
    }

    /** The answers one after another (a request followed by garbage gets two), each framed by its Content-Length. */
    private static List<RawHttp.Response> responses(BrokenRequests.Request request, byte[] received, List<String> violations) {
        List<RawHttp.Response> answers = new ArrayList<>();
        String text = new String(received, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            int headEnd = text.indexOf("\r\n\r\n", at);
            if (headEnd < 0 || !text.startsWith("HTTP/1.", at)) {
                violations.add(request + ": not a complete HTTP answer at byte " + at + ": " + text.substring(at));
                break;
            }
            RawHttp.Response head = new RawHttp.ToEnd(text.substring(at, headEnd + 4).getBytes(StandardCharsets.ISO_8859_1),
                    RawHttp.End.CLOSED_BY_SERVER).response();
            String length = head.header("content-length");
            // an answer to HEAD has no body, unless the request was too broken for the server to see it was a HEAD
            boolean toHead = answers.isEmpty() && new String(request.bytes(), StandardCharsets.ISO_8859_1).startsWith("HEAD ")
                    && (head.status() < 400 || text.startsWith("HTTP/1.", headEnd + 4) || headEnd + 4 == text.length());
            boolean noBody = toHead || head.status() == 204 || head.status() == 304 || head.status() == 100;
            int bodyLength = noBody || length == null ? 0 : Integer.parseInt(length.trim());
            if (length == null && !noBody && head.header("transfer-encoding") != null) {
                bodyLength = text.length() - headEnd - 4; // a streamed answer: the rest
            }
            int bodyEnd = Math.min(text.length(), headEnd + 4 + bodyLength);
            answers.add(new RawHttp.Response(head.statusLine(), head.status(), head.headers(),
                    text.substring(headEnd + 4, bodyEnd).getBytes(StandardCharsets.ISO_8859_1)));
            at = bodyEnd;
        }
        return answers;
    }

    private static JsonNode parseOrNull(String body) {
        try {
            return RunningApp.JSON.readTree(body);
        } catch (java.io.IOException notJson) {
            return null;
        }
    }

    private static int forwarded() {
        return healthy.provider().calls("healthy", "/chat/completions") + healthy.provider().calls("healthy", "/embeddings");
    }

    private static long openFileDescriptors() {
        return ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
    }

    @Test
    void theGeneratorIsDeterministicAndCoversEveryFaultAndEnd() {
        BrokenRequests first = new BrokenRequests(SEED);
        BrokenRequests second = new BrokenRequests(SEED);
        Set<Fault> faults = EnumSet.noneOf(Fault.class);
        Set<End> ends = EnumSet.noneOf(End.class);
        for (int i = 0; i < CASES; i++) {
            BrokenRequests.Request a = first.next();
            BrokenRequests.Request b = second.next();
            assertEquals(a.toString(), b.toString());
            faults.add(a.fault());
            ends.add(a.end());
        }
        assertEquals(EnumSet.allOf(Fault.class), faults);
        assertEquals(EnumSet.allOf(End.class), ends);
        assertNotEquals(new BrokenRequests(SEED + 1).next().toString(), new BrokenRequests(SEED).next().toString());
    }
}
