package bench.probes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * HOSTS OpenAI-compatible upstreams on 127.0.0.1, one port each, in a process of their own (so the
 * benchmark's threads, heap and sockets are the prober's alone). HUNG of them, spread evenly, accept a
 * request and never answer; the others answer {@code GET /models}. Prints one line,
 * {@code ports=P1,P2,... hung=I1,I2,...} (hung as indexes into ports), then serves until its standard
 * input closes (the parent ended) or 15 minutes have passed.
 *
 * <p>Usage: {@code FakeUpstreams HOSTS HUNG}
 */
public final class FakeUpstreams {

    private static final byte[] MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"bench\",\"object\":\"model\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    private FakeUpstreams() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = Integer.parseInt(args[0]);
        int hung = Integer.parseInt(args[1]);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<HttpServer> servers = new ArrayList<>();
        StringJoiner ports = new StringJoiner(",");
        StringJoiner hungIndexes = new StringJoiner(",");
        for (int h = 0; h < hosts; h++) {
            boolean hangs = (long) (h + 1) * hung / hosts != (long) h * hung / hosts;
            HttpServer server = HttpServer.create(new InetSocketAddress(loopback, 0), 1024);
            server.createContext("/", exchange -> answer(exchange, hangs, release));
            server.setExecutor(threads);
            server.start();
            servers.add(server);
            ports.add(String.valueOf(server.getAddress().getPort()));
            if (hangs) {
                hungIndexes.add(String.valueOf(h));
            }
        }
        System.out.println("ports=" + ports + " hung=" + hungIndexes);
        System.out.flush();
        Thread parentWatch = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent; EOF means the parent is gone
                }
            } catch (IOException gone) {
                // same as EOF
            }
            release.countDown();
        });
        release.await(15, TimeUnit.MINUTES);
        release.countDown();
        servers.forEach(server -> server.stop(0));
        threads.shutdownNow();
        parentWatch.interrupt();
        System.exit(0);
    }

    private static void answer(HttpExchange exchange, boolean hangs, CountDownLatch release) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (hangs) {
                release.await(15, TimeUnit.MINUTES);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, MODELS.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(MODELS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
