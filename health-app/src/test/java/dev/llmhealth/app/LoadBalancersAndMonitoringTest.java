package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.app.RawHttp.Response;
import dev.llmhealth.app.TestConfigs.Model;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The started app behind the real programs operators use: HAProxy with {@code option httpchk},
 * nginx with a default {@code proxy_pass} (HTTP/1.0 to the upstream), Nagios/Icinga
 * {@code check_http} (reads until the server closes) and ApacheBench (HTTP/1.0). Each runs as a
 * child process with its own config in a temporary directory, on free loopback ports, and is
 * stopped after the test; a program that is not installed skips its test, saying so.
 */
class LoadBalancersAndMonitoringTest {

    /** Health checks every 250 ms; a verdict needs two in a row: seconds, on any machine. */
    private static final Duration VERDICT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static FakeProviderServer provider;
    private static RunningApp healthy;

    @TempDir
    Path work;

    @BeforeAll
    static void startHealthyApp() throws Exception {
        provider = FakeProviderServer.start(0);
        healthy = RunningApp.start(TestConfigs.config(List.of(new Model("gpt-4", provider.apiBase("healthy"))), null, null, 0));
        healthy.awaitReady();
        RunningApp.eventually(VERDICT, "/health 200", () -> healthy.get("/health").statusCode() == 200);
    }

    @AfterAll
    static void stopHealthyApp() {
        if (healthy != null) {
            healthy.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    // ---- HAProxy ------------------------------------------------------------------------------

    @Test
    void haproxyHealthCheckMarksTheAppUpAndTrafficFlowsThroughIt() {
        Path haproxy = ExternalProgram.require("haproxy", "haproxy");
        try (HaproxyInFront front = HaproxyInFront.start(haproxy, work, healthy.port())) {
            front.awaitCheck("UP", "L7OK", "200");

            Response viaHttp11 = RawHttp.exchange(front.port,
                    "GET /health/liveliness HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").response();
            assertEquals(200, viaHttp11.status(), front.output());
            assertEquals("\"I'm alive!\"", viaHttp11.bodyText());
            // an HTTP/1.0 client: HAProxy forwards HTTP/1.0 with "connection: keep-alive"
            Response viaHttp10 = RawHttp.exchange(front.port, "GET /health HTTP/1.0\r\n\r\n").response();
            assertEquals(200, viaHttp10.status(), front.output());
            assertEquals("healthy", RunningApp.parse(viaHttp10.bodyText()).get("status").asText());
        }
    }

    @Test
    void haproxyMarksAnAppWhoseReadinessIs503Down() throws Exception {
        Path haproxy = ExternalProgram.require("haproxy", "haproxy");
        String unreachableDatabase = "postgresql://postgres@127.0.0.1:" + WithoutServicesEndToEndTest.closedPort() + "/test";
        try (RunningApp notReady = RunningApp.start(TestConfigs.config(
                List.of(new Model("gpt-4", provider.apiBase("healthy"))), unreachableDatabase, null, 0));
             HaproxyInFront front = HaproxyInFront.start(haproxy, work, notReady.port())) {
            assertEquals(503, notReady.get("/health/readiness").statusCode(), "the database is never initialized");

            // L7STS with 503: HAProxy read our answer (not a 505, not a timeout) and judged it
            front.awaitCheck("DOWN", "L7STS", "503");
            Response refused = RawHttp.exchange(front.port,
                    "GET /health/liveliness HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").response();
            assertEquals(503, refused.status(), "no server is available: HAProxy took the app out");
        }
    }

    /** HAProxy in front of one app server, with its statistics page to read the check's verdict from. */
    private static final class HaproxyInFront implements AutoCloseable {
        final int port = ExternalProgram.freePort();
        final int statsPort = ExternalProgram.freePort();
        final ChildProcess process;

        private HaproxyInFront(Path haproxy, Path work, int appPort) throws IOException {
            Path config = work.resolve("haproxy.cfg");
            Files.writeString(config, """
                    defaults
                      mode http
                      timeout connect 2s
                      timeout client 10s
                      timeout server 10s
                    frontend front
                      bind 127.0.0.1:%d
                      default_backend app
                    backend app
                      option httpchk GET /health/readiness
                      default-server inter 250ms fastinter 250ms downinter 250ms rise 2 fall 2
                      server app 127.0.0.1:%d check
                    listen stats
                      bind 127.0.0.1:%d
                      stats enable
                      stats uri /stats
                    """.formatted(port, appPort, statsPort));
            ExternalProgram.Result valid = ExternalProgram.run(Duration.ofSeconds(30), work,
                    List.of(haproxy.toString(), "-c", "-f", config.toString()));
            assertEquals(0, valid.exitCode(), "haproxy -c: " + valid.output());
            process = ChildProcess.start("haproxy", work, List.of(haproxy.toString(), "-db", "-f", config.toString()));
        }

        static HaproxyInFront start(Path haproxy, Path work, int appPort) {
            try {
                return new HaproxyInFront(haproxy, work, appPort);
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }

        /** Waits until the server's status and last check result are as expected. */
        void awaitCheck(String status, String checkStatus, String checkCode) {
            AtomicReference<String> lastSeen = new AtomicReference<>("no statistics yet");
            try {
                RunningApp.eventually(VERDICT, "HAProxy: server " + status + " by " + checkStatus + " " + checkCode, () -> {
                    Optional<Map<String, String>> server = serverStats();
                    server.ifPresent(row -> lastSeen.set("status=" + row.get("status") + " check_status=" + row.get("check_status")
                            + " check_code=" + row.get("check_code") + " last_chk=" + row.get("last_chk")));
                    return server.isPresent() && server.get().get("status").equals(status)
                            && server.get().get("check_status").contains(checkStatus)
                            && server.get().get("check_code").equals(checkCode);
                });
            } catch (AssertionError notReached) {
                throw new AssertionError(notReached.getMessage() + "; last seen: " + lastSeen.get() + "\n" + output(), notReached);
            }
        }

        /** The app server's row of HAProxy's CSV statistics, by column name. */
        Optional<Map<String, String>> serverStats() {
            if (!process.isAlive()) {
                throw new AssertionError(process.output());
            }
            Optional<String> csv = fetch("http://127.0.0.1:" + statsPort + "/stats;csv");
            if (csv.isEmpty()) {
                return Optional.empty();
            }
            List<String> lines = csv.get().lines().toList();
            List<String> columns = Arrays.asList(lines.get(0).replaceFirst("^# ", "").split(",", -1));
            return lines.stream().skip(1).map(line -> line.split(",", -1))
                    .filter(row -> row.length >= 2 && row[0].equals("app") && row[1].equals("app"))
                    .findFirst()
                    .map(row -> {
                        Map<String, String> named = new HashMap<>();
                        for (int i = 0; i < Math.min(row.length, columns.size()); i++) {
                            named.put(columns.get(i), row[i]);
                        }
                        return named;
                    });
        }

        String output() {
            return process.output();
        }

        @Override
        public void close() {
            process.close();
        }
    }

    // ---- nginx --------------------------------------------------------------------------------

    @Test
    void nginxDefaultProxyPassCarriesTheHealthJsonIntact() {
        Path nginx = ExternalProgram.require("nginx", "nginx-light");
        try (NginxInFront front = NginxInFront.start(nginx, work, healthy.port())) {
            // both reads must fall in one snapshot (rounds run every second): compare until they do
            RunningApp.eventually(VERDICT, "/health through nginx byte for byte as direct; " + front.output(), () -> {
                Response proxied = RawHttp.exchange(front.port,
                        "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").response();
                HttpResponse<String> direct = healthy.get("/health");
                assertEquals(200, proxied.status(), "nginx must not turn the answer into a 505 or 502: " + proxied.bodyText());
                assertEquals("application/json", proxied.header("content-type"));
                return proxied.bodyText().equals(direct.body());
            });
            Response liveliness = RawHttp.exchange(front.port, "GET /health/liveliness HTTP/1.0\r\n\r\n").response();
            assertEquals(200, liveliness.status());
            assertEquals("\"I'm alive!\"", liveliness.bodyText());
        }
    }

    @Test
    void nginxPassesA503Through() {
        Path nginx = ExternalProgram.require("nginx", "nginx-light");
        try (RunningApp unhealthy = startUnhealthyApp(); NginxInFront front = NginxInFront.start(nginx, work, unhealthy.port())) {
            Response proxied = RawHttp.exchange(front.port,
                    "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").response();
            assertEquals(503, proxied.status(), front.output());
            assertEquals("unhealthy", RunningApp.parse(proxied.bodyText()).get("status").asText());
        }
    }

    /**
     * nginx with a default {@code proxy_pass} (HTTP/1.0 to the upstream), in the foreground as a single
     * process (no master and workers to chase), everything in the temporary directory.
     */
    private static final class NginxInFront implements AutoCloseable {
        final int port = ExternalProgram.freePort();
        final ChildProcess process;

        private NginxInFront(Path nginx, Path work, int appPort) throws IOException {
            Path config = work.resolve("nginx.conf");
            Files.writeString(config, """
                    daemon off;
                    master_process off;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log warn;
                    events { worker_connections 64; }
                    http {
                      access_log off;
                      client_body_temp_path %1$s/client_body;
                      proxy_temp_path %1$s/proxy;
                      fastcgi_temp_path %1$s/fastcgi;
                      uwsgi_temp_path %1$s/uwsgi;
                      scgi_temp_path %1$s/scgi;
                      server {
                        listen 127.0.0.1:%2$d;
                        location / { proxy_pass http://127.0.0.1:%3$d; }
                      }
                    }
                    """.formatted(work, port, appPort));
            List<String> options = List.of("-p", work.toString(), "-c", config.toString(), "-e", work.resolve("error.log").toString());
            ExternalProgram.Result valid = ExternalProgram.run(Duration.ofSeconds(30), work, concat(nginx, List.of("-t"), options));
            assertEquals(0, valid.exitCode(), "nginx -t: " + valid.output());
            process = ChildProcess.start("nginx", work, concat(nginx, List.of(), options));
            try {
                RunningApp.eventually(VERDICT, "nginx up and proxying /health/liveliness on " + port, () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(output());
                    }
                    return fetch("http://127.0.0.1:" + port + "/health/liveliness").isPresent();
                });
            } catch (RuntimeException | AssertionError notUp) {
                process.close(); // the caller never gets this object to close
                throw notUp;
            }
        }

        static NginxInFront start(Path nginx, Path work, int appPort) {
            try {
                return new NginxInFront(nginx, work, appPort);
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }

        String output() {
            return process.output() + "\nerror.log:\n" + ExternalProgram.read(process.workDirectory().resolve("error.log"));
        }

        @Override
        public void close() {
            process.close();
        }
    }

    // ---- check_http ---------------------------------------------------------------------------

    @Test
    void checkHttpIsOkOnHealthAndLivelinessOverHttp10AndHttp11() {
        Path checkHttp = ExternalProgram.require("check_http", "monitoring-plugins-basic");
        for (String path : List.of("/health", "/health/liveliness")) {
            // -I alone: HTTP/1.0; -H: HTTP/1.1 with Connection: close; both read until the server closes
            ExternalProgram.Result http10 = checkHttp(checkHttp, "-I", path, healthy.port());
            assertEquals(0, http10.exitCode(), http10.output());
            assertTrue(http10.output().startsWith("HTTP OK: HTTP/1.0 200"), http10.output());
            ExternalProgram.Result http11 = checkHttp(checkHttp, "-H", path, healthy.port());
            assertEquals(0, http11.exitCode(), http11.output());
            assertTrue(http11.output().startsWith("HTTP OK: HTTP/1.1 200"), http11.output());
        }
    }

    @Test
    void checkHttpIsCriticalWhileHealthIs503() {
        Path checkHttp = ExternalProgram.require("check_http", "monitoring-plugins-basic");
        try (RunningApp unhealthy = startUnhealthyApp()) {
            for (String hostFlag : List.of("-I", "-H")) {
                ExternalProgram.Result result = checkHttp(checkHttp, hostFlag, "/health", unhealthy.port());
                assertEquals(2, result.exitCode(), result.output());
                assertTrue(result.output().startsWith("HTTP CRITICAL: HTTP/1.") && result.output().contains(" 503 "),
                        "critical because of the 503, not a timeout: " + result.output());
            }
            ExternalProgram.Result alive = checkHttp(checkHttp, "-I", "/health/liveliness", unhealthy.port());
            assertEquals(0, alive.exitCode(), "liveliness never depends on upstreams: " + alive.output());
        }
    }

    private ExternalProgram.Result checkHttp(Path checkHttp, String hostFlag, String path, int port) {
        return ExternalProgram.run(Duration.ofSeconds(60), work, List.of(checkHttp.toString(), hostFlag, "127.0.0.1",
                "-p", String.valueOf(port), "-u", path, "-t", "20"));
    }

    // ---- ApacheBench --------------------------------------------------------------------------

    @Test
    void apacheBenchGetsOnly2xxWithAndWithoutKeepAlive() {
        Path ab = ExternalProgram.require("ab", "apache2-utils");
        for (String path : List.of("/health/liveliness", "/health")) {
            for (List<String> keepAlive : List.of(List.<String>of(), List.of("-k"))) {
                List<String> command = new ArrayList<>(List.of(ab.toString(), "-q", "-n", "1000", "-c", "8", "-s", "20"));
                command.addAll(keepAlive);
                command.add(healthy.url(path));
                ExternalProgram.Result run = ExternalProgram.run(Duration.ofSeconds(120), work, command);
                String report = command + "\n" + run.output();
                assertEquals(0, run.exitCode(), report);
                assertEquals(1000, number(run.output(), "Complete requests"), report);
                assertEquals(0, number(run.output(), "Failed requests"), report);
                assertFalse(run.output().contains("Non-2xx responses"), report);
            }
        }
    }

    private static int number(String report, String label) {
        Matcher matcher = Pattern.compile(Pattern.quote(label) + ":\\s+(\\d+)").matcher(report);
        assertTrue(matcher.find(), "no '" + label + "' in: " + report);
        return Integer.parseInt(matcher.group(1));
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** An app whose only deployment fails: ready, alive, and {@code /health} 503. */
    private static RunningApp startUnhealthyApp() {
        RunningApp app = RunningApp.start(TestConfigs.config(List.of(new Model("broken", provider.apiBase("failing"))), null, null, 0));
        try {
            app.awaitReady();
            RunningApp.eventually(VERDICT, "/health 503", () -> app.get("/health").statusCode() == 503);
            return app;
        } catch (RuntimeException | AssertionError failed) {
            app.close();
            throw failed;
        }
    }

    private static List<String> concat(Path program, List<String> first, List<String> rest) {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(first);
        command.addAll(rest);
        return command;
    }

    private static Optional<String> fetch(String url) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException notYet) {
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        }
    }
}
