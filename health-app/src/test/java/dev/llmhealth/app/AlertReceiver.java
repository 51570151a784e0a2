package dev.llmhealth.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP receiver standing in for Slack or a webhook endpoint: records every attempt with the
 * status it answered, and answers the queued statuses in order (200 once they run out).
 */
final class AlertReceiver implements AutoCloseable {

    /** One request as it arrived and what it was answered. */
    record Attempt(int status, String deliveryId, String signature, String body) {
        boolean accepted() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            return RunningApp.parse(body);
        }
    }

    private final HttpServer server;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

    AlertReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Integer queued = answers.poll();
            int status = queued == null ? 200 : queued;
            attempts.add(new Attempt(status, exchange.getRequestHeaders().getFirst("X-LLM-Health-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-LLM-Health-Signature"), body));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests get these statuses, in order. */
    void answer(Integer... statuses) {
        answers.addAll(List.of(statuses));
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** What the receiver took (answered 2xx): what a person would see. */
    List<Attempt> accepted() {
        return attempts.stream().filter(Attempt::accepted).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
