package dev.llmhealth.app;

import dev.llmhealth.app.config.ConfigException;
import dev.llmhealth.app.config.ConfigLoader;
import dev.llmhealth.app.config.ProxyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reloads the config without a restart: on SIGHUP, and (when watched) when the file's content
 * changes. A config that does not load is refused with one log line naming the key and the
 * problem (never a value), and the running one is kept.
 */
final class ConfigReloader implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConfigReloader.class.getName());

    private final Path file;
    private final Function<Path, ProxyConfig> loader;
    private final HealthApplication app;
    private final Duration watchEvery;
    private final Consumer<ProxyConfig> loaded;
    private byte[] seen;
    private Thread watcher;

    /** @param watchEvery how often the file is compared (polling: a Kubernetes ConfigMap is swapped by a symlink, not written) */
    ConfigReloader(Path file, Function<Path, ProxyConfig> loader, HealthApplication app, Duration watchEvery) {
        this(file, loader, app, watchEvery, next -> { });
    }

    /** @param loaded told each config that loads, before it is started (its secrets must be masked from then on) */
    ConfigReloader(Path file, Function<Path, ProxyConfig> loader, HealthApplication app, Duration watchEvery, Consumer<ProxyConfig> loaded) {
        this.loaded = loaded;
        this.file = file;
        this.loader = loader;
        this.app = app;
        this.watchEvery = watchEvery;
        this.seen = digest();
    }

    static ConfigReloader forEnvironment(Path file, HealthApplication app, Consumer<ProxyConfig> loaded) {
        return new ConfigReloader(file, path -> new ConfigLoader(System.getenv()).load(path), app, Duration.ofSeconds(2), loaded);
    }

    /** Reloads on each SIGHUP, off the signal thread. False where the platform has no SIGHUP. */
    @SuppressWarnings("removal")
    boolean onHangup() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> Thread.ofVirtual().name("config-reload").start(() -> reload("SIGHUP")));
            return true;
        } catch (IllegalArgumentException noSuchSignal) {
            return false;
        }
    }

    /** Polls the file's content and reloads when it changes. */
    synchronized void watch() {
        if (watcher == null) {
            watcher = Thread.ofVirtual().name("config-watch").start(this::watchLoop);
        }
    }

    private void watchLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(watchEvery);
                byte[] now = digest();
                if (now != null && !Arrays.equals(now, seenDigest())) {
                    reload("the config file changed");
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /** Loads the file and switches to it; false (the running config kept) when it is refused. */
    synchronized boolean reload(String why) {
        seen = digest();
        ProxyConfig next;
        try {
            next = loader.apply(file);
        } catch (ConfigException invalid) {
            LOG.log(System.Logger.Level.ERROR, "config reload ({0}) refused, keeping the running config: invalid config: {1}", why,
                    invalid.getMessage());
            return false;
        }
        loaded.accept(next);
        LOG.log(System.Logger.Level.INFO, "config reload ({0})", why);
        return app.reload(next);
    }

    private synchronized byte[] seenDigest() {
        return seen;
    }

    /** The content's SHA-256, or null while it cannot be read (being replaced). */
    private byte[] digest() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException | NoSuchAlgorithmException unreadable) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.interrupt();
            watcher = null;
        }
    }
}
