package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.app.TestConfigs.Model;
import dev.llmhealth.app.config.ConfigLoader;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading the config without a restart: the model list and health settings switch in place while
 * the server keeps answering (and stays ready), a bad new config is refused with a clear log line
 * and the old one kept, a watched file reloads by itself, and SIGHUP reloads a running process.
 */
class ConfigReloadEndToEndTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static TreeSet<String> models(JsonNode healthModels) {
        TreeSet<String> names = new TreeSet<>();
        for (String list : List.of("healthy", "unhealthy")) {
            healthModels.get(list).forEach(entry -> names.add(entry.get("model").asText()));
        }
        return names;
    }

    @Test
    void aReloadSwitchesTheModelListInPlaceAndABadConfigIsRefused() throws Exception {
        Path file = dir.resolve("config.yaml");
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger reloaderLog = Logger.getLogger(ConfigReloader.class.getName());
        reloaderLog.addHandler(capture);
        try (FakeProviderServer provider = FakeProviderServer.start(0)) {
            Files.writeString(file, TestConfigs.config(List.of(new Model("gpt-4", provider.apiBase("one"))), null, null, 0));
            ConfigLoader loader = new ConfigLoader(Map.of());
            try (HealthApplication app = HealthApplication.start(loader.load(file), 0, Clock.systemUTC());
                 ConfigReloader reloader = new ConfigReloader(file, loader::load, app, Duration.ofMillis(200))) {
                RunningAppClient client = new RunningAppClient(app.port());
                client.awaitReady();
                RunningApp.eventually(BOUND, "gpt-4 checked", () -> models(client.json("/health/models")).equals(new TreeSet<>(List.of("gpt-4"))));

                // readiness is watched all through the reload: it must never drop
                AtomicBoolean stayedReady = new AtomicBoolean(true);
                AtomicBoolean watching = new AtomicBoolean(true);
                Thread watcher = Thread.ofVirtual().start(() -> {
                    while (watching.get()) {
                        if (client.status("/health/readiness") != 200) {
                            stayedReady.set(false);
                        }
                    }
                });
                Files.writeString(file, TestConfigs.config(List.of(new Model("gpt-4", provider.apiBase("one")),
                        new Model("claude", provider.apiBase("two"))), null, null, 0));
                assertTrue(reloader.reload("test"));
                RunningApp.eventually(BOUND, "claude checked after the reload",
                        () -> models(client.json("/health/models")).equals(new TreeSet<>(List.of("claude", "gpt-4"))));
                watching.set(false);
                watcher.join();
                assertTrue(stayedReady.get(), "readiness stayed 200 through the reload");
                // the history (in memory here) is kept, and gpt-4's carried verdict adds no second first check
                JsonNode gpt4History = client.json("/health/history?model=gpt-4").get("transitions");
                assertEquals(1, gpt4History.size(), gpt4History.toString());
                assertEquals("unchecked", gpt4History.get(0).get("from").asText());
                assertEquals(2, client.json("/health/services").get("router").get("models").asInt());

                // a bad config: refused, named, no secret echoed, the running one kept
                Files.writeString(file, TestConfigs.config(List.of(new Model("only-this", provider.apiBase("three"))), null, null, 0)
                        .replace("health_check_interval: 1", "health_check_interval: -5")
                        .replace("sk-test-key-only-this", "sk-canary-reload-secret"));
                assertFalse(reloader.reload("test"));
                String refusal = String.join("\n", logged);
                assertTrue(refusal.contains("refused") && refusal.contains("health_check_interval"), refusal);
                assertFalse(refusal.contains("sk-canary-reload-secret"), refusal);
                assertEquals(new TreeSet<>(List.of("claude", "gpt-4")), models(client.json("/health/models")));

                // watched: a changed file reloads by itself
                reloader.watch();
                Files.writeString(file, TestConfigs.config(List.of(new Model("watched", provider.apiBase("four"))), null, null, 0));
                RunningApp.eventually(BOUND, "the watched file reloaded",
                        () -> models(client.json("/health/models")).equals(new TreeSet<>(List.of("watched"))));
            }
        } finally {
            reloaderLog.removeHandler(capture);
        }
    }

    @Test
    void sighupReloadsARunningProcess() throws Exception {
        Path file = dir.resolve("config.yaml");
        try (FakeProviderServer provider = FakeProviderServer.start(0)) {
            Files.writeString(file, TestConfigs.config(List.of(new Model("before", provider.apiBase("one"))), null, null, 0));
            int port = ExternalProgram.freePort();
            String java = ProcessHandle.current().info().command().orElse("java");
            try (ChildProcess child = ChildProcess.start("health-app", dir, List.of(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "--config", file.toString(), "--port", String.valueOf(port)))) {
                RunningAppClient client = new RunningAppClient(port);
                RunningApp.eventually(BOUND, "the child answers: " + child.output(), () -> client.status("/health/readiness") == 200);
                RunningApp.eventually(BOUND, "before checked", () -> models(client.json("/health/models")).contains("before"));

                Files.writeString(file, TestConfigs.config(List.of(new Model("after", provider.apiBase("two"))), null, null, 0));
                long pid = child.pid();
                Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(pid)).start();
                assertEquals(0, kill.waitFor());
                RunningApp.eventually(BOUND, "after SIGHUP the new model list: " + child.output(),
                        () -> models(client.json("/health/models")).equals(new TreeSet<>(List.of("after"))));
                assertTrue(child.isAlive(), child.output());
            }
        }
    }

    /** A small client for an app on a port (the app here is not a {@link RunningApp}). */
    private record RunningAppClient(int port) {
        private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        int status(String path) {
            try {
                return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.io.IOException notYet) {
                return -1;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        JsonNode json(String path) {
            try {
                return RunningApp.parse(CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
            } catch (java.io.IOException failed) {
                throw new java.io.UncheckedIOException(failed);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }

        void awaitReady() {
            RunningApp.eventually(BOUND, "readiness 200", () -> status("/health/readiness") == 200);
        }
    }
}
