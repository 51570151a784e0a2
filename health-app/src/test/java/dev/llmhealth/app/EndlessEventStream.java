package dev.llmhealth.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream whose streamed chat never ends: one event every 50 ms until its client (the proxy)
 * closes the connection, which it notices at its next write. It counts the streams it started and
 * the ones whose client went away, so a test sees whether the proxy cancelled its call. Anything
 * else (the health probe's {@code GET /models}) gets an empty model list.
 */
final class EndlessEventStream implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger streamsStarted = new AtomicInteger();
    private final AtomicInteger streamsCancelled = new AtomicInteger();

    private EndlessEventStream(ServerSocket server) {
        this.server = server;
        connections.submit(this::accept);
    }

    static EndlessEventStream start() {
        try {
            return new EndlessEventStream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    String apiBase() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    int streamsStarted() {
        return streamsStarted.get();
    }

    /** Streams that ended because the client closed its connection. */
    int streamsCancelled() {
        return streamsCancelled.get();
    }

    private Void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.submit(() -> serve(socket));
            } catch (IOException closed) {
                return null;
            }
        }
        return null;
    }

    private Void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            String head = readHead(in);
            int length = contentLength(head);
            in.readNBytes(length);
            if (!head.startsWith("POST ") || !head.contains("/chat/completions")) {
                byte[] models = "{\"object\":\"list\",\"data\":[]}".getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + models.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(models);
                return null;
            }
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            streamsStarted.incrementAndGet();
            String event = "data: {\"id\":\"endless\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":\"la\"},\"finish_reason\":null}]}\n\n";
            try {
                while (true) {
                    out.write(event.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException clientLeft) {
                streamsCancelled.incrementAndGet();
            }
        } catch (IOException | InterruptedException ended) {
            // the connection or the server is gone
        }
        return null;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the request head ended");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a test server
        }
        connections.shutdownNow();
    }
}
