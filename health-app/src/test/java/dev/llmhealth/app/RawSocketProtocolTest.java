package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.app.RawHttp.End;
import dev.llmhealth.app.RawHttp.Response;
import dev.llmhealth.app.RawHttp.ToEnd;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What load balancers and monitoring systems send, byte for byte, over a bare socket: HTTP/1.0 with
 * and without keep-alive and without {@code Host}, HTTP/1.1 with {@code Connection: close}, requests
 * that arrive a byte at a time, and malformed requests. Every read has a timeout, so a hang fails.
 */
class RawSocketProtocolTest {

    @RegisterExtension
    static final HealthyApp healthy = HealthyApp.started();

    /** HAProxy's and check_http's HTTP/1.0 requests carry no Host header; neither do these. */
    @ParameterizedTest
    @ValueSource(strings = {"/health", "/health/readiness", "/health/liveliness", "/health/liveness", "/health/models",
            "/health/models?model=gpt-4", "/health/services", "/health/services?service=database",
            "/health/services?service=nope", "/nope"})
    void http10GetsTheSameAnswerAsHttp11AndTheConnectionCloses(String target) {
        AtomicReference<String> lastDifference = new AtomicReference<>();
        // the snapshot moves on every second; the two answers must match byte for byte within one snapshot
        RunningApp.eventually(Duration.ofSeconds(20), "the same answer over HTTP/1.0 and HTTP/1.1 for " + target, () -> {
            ToEnd http10 = RawHttp.exchange(healthy.app().port(), "GET " + target + " HTTP/1.0\r\n\r\n");
            ToEnd http11 = RawHttp.exchange(healthy.app().port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertEquals(End.CLOSED_BY_SERVER, http10.end(), "HTTP/1.0 without keep-alive closes after the answer");
            assertEquals(End.CLOSED_BY_SERVER, http11.end(), "HTTP/1.1 Connection: close closes after the answer");
            Response old = http10.response();
            Response current = http11.response();
            assertTrue(old.statusLine().startsWith("HTTP/1.0 "), old.statusLine());
            assertEquals(String.valueOf(old.body().length), old.header("content-length"));
            assertEquals("close", old.header("connection"));
            String difference = old.status() != current.status() ? "status " + old.status() + " vs " + current.status()
                    : !old.header("content-type").equals(current.header("content-type")) ? "content type"
                    : !String.valueOf(old.header("x-llm-health-version")).equals(String.valueOf(current.header("x-llm-health-version")))
                    ? "version header"
                    : !Arrays.equals(old.body(), current.body()) ? "body " + old.bodyText() + " vs " + current.bodyText() : null;
            lastDifference.set(difference);
            return difference == null;
        });
        assertNull(lastDifference.get());
    }

    @Test
    void metricsAreServedOverHttp10() {
        Response metrics = RawHttp.exchange(healthy.app().port(), "GET /metrics HTTP/1.0\r\n\r\n").response();
        assertEquals(200, metrics.status());
        assertTrue(metrics.header("content-type").startsWith("text/plain"), metrics.header("content-type"));
        assertTrue(metrics.bodyText().contains("# TYPE "), metrics.bodyText());
    }

    @Test
    void http10KeepAliveServesRequestsOnOneConnectionUntilTheClientStopsAsking() {
        try (RawHttp connection = RawHttp.connect(healthy.app().port())) {
            // ab -k writes it this way, HAProxy in lower case
            for (String keepAlive : List.of("Connection: Keep-Alive", "connection: keep-alive", "Connection: keep-alive")) {
                connection.send("GET /health/liveliness HTTP/1.0\r\n" + keepAlive + "\r\n\r\n");
                Response answer = connection.readResponse(false);
                assertEquals(200, answer.status());
                assertEquals("\"I'm alive!\"", answer.bodyText());
                assertEquals("keep-alive", answer.header("connection"));
            }
            connection.send("GET /health/readiness HTTP/1.0\r\n\r\n");
            ToEnd last = connection.readToEnd();
            assertEquals(End.CLOSED_BY_SERVER, last.end());
            assertEquals(200, last.response().status());
            assertEquals("close", last.response().header("connection"));
        }
    }

    @Test
    void http10HeadAndOptionsAnswerAsOverHttp11() {
        Response get = RawHttp.exchange(healthy.app().port(), "GET /health/readiness HTTP/1.0\r\n\r\n").response();
        ToEnd head = RawHttp.exchange(healthy.app().port(), "HEAD /health/readiness HTTP/1.0\r\n\r\n");
        assertEquals(End.CLOSED_BY_SERVER, head.end());
        assertEquals(get.status(), head.response().status());
        assertEquals(String.valueOf(get.body().length), head.response().header("content-length"));
        assertEquals(0, head.response().body().length, "HEAD has no body");

        ToEnd options = RawHttp.exchange(healthy.app().port(), "OPTIONS /health HTTP/1.0\r\n\r\n");
        assertEquals(End.CLOSED_BY_SERVER, options.end());
        assertEquals(204, options.response().status());
        assertEquals("GET, HEAD, OPTIONS", options.response().header("allow"));
        assertEquals(0, options.response().body().length);

        Response delete = RawHttp.exchange(healthy.app().port(), "DELETE /health HTTP/1.0\r\n\r\n").response();
        assertEquals(405, delete.status());
        assertEquals("GET, HEAD, OPTIONS", delete.header("allow"));
        assertEquals("method_not_allowed", RunningApp.parse(delete.bodyText()).get("error").get("type").asText());
    }

    @Test
    void anHttp10RequestBodyIsSkippedSoTheNextRequestOnTheConnectionIsRead() {
        try (RawHttp connection = RawHttp.connect(healthy.app().port())) {
            connection.send("POST /health HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 11\r\n\r\n{\"x\":\"yz\"}\n");
            assertEquals(405, connection.readResponse(false).status());
            connection.send("GET /health/liveness HTTP/1.0\r\n\r\n");
            ToEnd next = connection.readToEnd();
            assertEquals(200, next.response().status());
            assertEquals(End.CLOSED_BY_SERVER, next.end());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/liveliness", "/health", "/nope"})
    void http11ConnectionCloseClosesTheSocketRightAfterTheAnswer(String path) {
        ToEnd answer = RawHttp.exchange(healthy.app().port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertEquals(End.CLOSED_BY_SERVER, answer.end(), "a client reading to the end (check_http) must not hang");
        Response response = answer.response();
        assertEquals(String.valueOf(response.body().length), response.header("content-length"), "the whole answer, then the close");
    }

    @Test
    void http11WithoutConnectionCloseKeepsTheConnectionForTheNextRequest() {
        try (RawHttp connection = RawHttp.connect(healthy.app().port())) {
            connection.send("GET /health/liveliness HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertEquals(200, connection.readResponse(false).status());
            connection.send("GET /health/readiness HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            ToEnd second = connection.readToEnd();
            assertEquals(200, second.response().status());
            assertEquals(End.CLOSED_BY_SERVER, second.end());
        }
    }

    /** A first line that arrives a byte at a time used to reach Helidon's HTTP/1.1 before its end was seen: 505. */
    @ParameterizedTest
    @ValueSource(strings = {"GET /health/liveliness HTTP/1.0\r\n\r\n",
            "GET /health/liveliness HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"})
    void requestsArrivingAByteAtATimeAreServed(String request) {
        try (RawHttp connection = RawHttp.connect(healthy.app().port())) {
            connection.sendSlowly(request, 5);
            ToEnd answer = connection.readToEnd();
            assertEquals(End.CLOSED_BY_SERVER, answer.end());
            assertEquals(200, answer.response().status(), answer.text());
            assertEquals("\"I'm alive!\"", answer.response().bodyText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GARBAGE\r\n\r\n",
            "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\r\n\r\n",
            "GET /health\r\n\r\n",
            "GET  /health HTTP/1.0\r\n\r\n",
            "GET /health HTTP/1.0 extra\r\n\r\n",
            "GET /health HTTP/1.0\n\n",
            "GET /health HTTP/2.0\r\n\r\n",
            "G(T /health HTTP/1.0\r\n\r\n",
            "GET /hea\u007Flth HTTP/1.0\r\n\r\n",
            "GET health HTTP/1.0\r\n\r\n",
            "GET /health HTTP/1.0\r\nno colon in this header\r\n\r\n",
            "GET /health HTTP/1.0\r\nContent-Length: ten\r\n\r\n",
            "GET /health HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon in this header\r\n\r\n"})
    void malformedRequestsGet400AndAClosedConnection(String request) {
        ToEnd answer = RawHttp.exchange(healthy.app().port(), request);
        assertNotEquals(End.TIMED_OUT, answer.end(), "never a hang: " + answer.text());
        assertTrue(answer.text().matches("(?s)HTTP/1\\.[01] 400 .*"), "400 for " + request.strip() + ", got: " + answer.text());
    }

    @Test
    void anOverlongRequestLineIsRefusedAndClosed() {
        ToEnd answer = RawHttp.exchange(healthy.app().port(), "GET /" + "a".repeat(20_000) + " HTTP/1.0\r\n\r\n");
        assertNotEquals(End.TIMED_OUT, answer.end());
        int status = answer.response().status();
        assertTrue(status == 400 || status == 414, "400 or 414, got " + answer.text());
    }
}
