package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slowloris: 40 connections trickle their request a byte at a time for about 5 s (HTTP/1.1
 * headers, HTTP/1.0 headers, and first lines with no line feed yet, which the HTTP/1.0 selector
 * holds), while another client keeps asking for liveliness on fresh connections. The other client
 * must get its 200s promptly all along; the slow clients, once they finish, get their answers too.
 * Bounded: 40 sockets, at most 60 bytes each, a 5 s trickle window.
 */
class SlowClientsTest {

    private static final int SLOW_CLIENTS = 40;
    private static final Duration TRICKLE = Duration.ofSeconds(5);
    private static final long BYTE_EVERY_MILLIS = 100;
    private static final int MAX_TRICKLED_BYTES = 60;
    /** Generous for a shared 2-core machine; a server that holds requests behind slow clients takes seconds or for ever. */
    private static final Duration PROMPT = Duration.ofSeconds(2);

    @RegisterExtension
    static final HealthyApp healthy = HealthyApp.started();

    /** One slow client: what it has sent at once, what it trickles, and how it ends its request. */
    private record Slow(RawHttp connection, String trickled, String ending) {
    }

    @Test
    void slowClientsNeitherStarveOthersNorLoseTheirOwnAnswers() throws Exception {
        List<Slow> slow = openSlowClients();
        try {
            CompletableFuture<Void> trickling = CompletableFuture.runAsync(() -> trickle(slow));
            List<Long> latenciesMillis = new ArrayList<>();
            while (!trickling.isDone()) {
                long started = System.nanoTime();
                String request = latenciesMillis.size() % 2 == 0
                        ? FuzzChecks.get11("/health/liveliness", "") : FuzzChecks.get10("/health/liveliness", "");
                RawHttp.ToEnd answer = RawHttp.exchange(healthy.app().port(), request);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(200, FuzzChecks.status(answer.text()), "liveliness while slow clients hold " + SLOW_CLIENTS
                        + " connections: " + answer.text());
                latenciesMillis.add(millis);
                pace(BYTE_EVERY_MILLIS);
            }
            trickling.get(30, TimeUnit.SECONDS); // rethrows a failure of the trickling itself
            long slowest = latenciesMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(latenciesMillis.size() >= 10, "too few answers during the trickle: " + latenciesMillis);
            assertTrue(slowest < PROMPT.toMillis(), "liveliness took " + slowest + " ms while slow clients trickled: "
                    + latenciesMillis);

            for (Slow client : slow) {
                client.connection().send(client.ending());
                RawHttp.ToEnd answer = client.connection().readToEnd();
                assertEquals(200, FuzzChecks.status(answer.text()), "a slow client that finally finished: " + answer.text());
                FuzzChecks.assertNoLeak("slow client", answer.text());
            }
        } finally {
            slow.forEach(client -> client.connection().close());
        }
        FuzzChecks.assertStillServing(healthy.app().port(), "the slow clients");
    }

    /** A third each: HTTP/1.1 headers, HTTP/1.0 headers, and the first line itself arriving slowly. */
    private static List<Slow> openSlowClients() {
        List<Slow> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            RawHttp connection = RawHttp.connect(healthy.app().port());
            String padding = "a".repeat(MAX_TRICKLED_BYTES - 20);
            Slow client = switch (i % 3) {
                case 0 -> {
                    connection.send("GET /health/liveliness HTTP/1.1\r\nHost: 127.0.0.1\r\n");
                    yield new Slow(connection, "X-Slow-" + i + ": " + padding, "\r\nConnection: close\r\n\r\n");
                }
                case 1 -> {
                    connection.send("GET /health/liveliness HTTP/1.0\r\n");
                    yield new Slow(connection, "X-Slow-" + i + ": " + padding, "\r\n\r\n");
                }
                default -> new Slow(connection, "GET /health/liveliness?slow=" + padding, " HTTP/1.0\r\n\r\n");
            };
            slow.add(client);
        }
        return slow;
    }

    /** One byte to every slow client each round, until the window or the bytes run out. */
    private static void trickle(List<Slow> slow) {
        long deadline = System.nanoTime() + TRICKLE.toNanos();
        for (int sent = 0; sent < MAX_TRICKLED_BYTES && System.nanoTime() < deadline; sent++) {
            for (Slow client : slow) {
                if (sent < client.trickled().length()) {
                    client.connection().send(String.valueOf(client.trickled().charAt(sent)));
                }
            }
            pace(BYTE_EVERY_MILLIS);
        }
    }

    /** The pace of a slow client, not a wait for state. */
    private static void pace(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        }
    }
}
