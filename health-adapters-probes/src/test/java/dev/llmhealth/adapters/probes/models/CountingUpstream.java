package dev.llmhealth.adapters.probes.models;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible upstream on a raw server socket that counts the connections it accepted and
 * has not yet seen closed by the client: a client that abandons connections without closing them
 * shows up here. It answers {@code GET /v1/models} (keep-alive), or hangs: reads the request, never
 * answers, and keeps reading so it notices when the client gives up and closes.
 */
final class CountingUpstream implements AutoCloseable {

    enum Behaviour { ANSWERS, HANGS }

    private static final String MODELS_BODY = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\"}]}";
    private static final byte[] MODELS = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + MODELS_BODY.length() + "\r\n\r\n" + MODELS_BODY).getBytes(StandardCharsets.US_ASCII);

    private final Behaviour behaviour;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    CountingUpstream(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptAll);
    }

    /** The {@code api_base} of a port nothing listens on: connecting is refused. */
    static String refusing() throws IOException {
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + gone.getLocalPort() + "/v1";
        }
    }

    String apiBase() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    /** Connections accepted and not yet closed by the client. */
    int openConnections() {
        return open.size();
    }

    int acceptedConnections() {
        return accepted.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                accepted.incrementAndGet();
                threads.submit(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream()); OutputStream out = socket.getOutputStream()) {
            while (readRequestHead(in)) {
                if (behaviour == Behaviour.HANGS) {
                    in.transferTo(OutputStream.nullOutputStream()); // until the client closes
                    return;
                }
                out.write(MODELS);
                out.flush();
            }
        } catch (IOException clientGone) {
            // a reset is a close too
        } finally {
            open.remove(socket);
        }
    }

    /** Reads up to the blank line ending the head (the probe's GET has no body); false at end of stream. */
    private static boolean readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
