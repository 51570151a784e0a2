package dev.llmhealth.domain.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Caps probes in flight: globally, and per upstream {@code host:port} so one small box (an Ollama
 * server, say) never receives dozens of parallel probes. The host permit is taken first, so probes
 * queued behind a hung host hold no global permit while they wait.
 */
final class ProbeLimits {

    private final Semaphore global;
    private final int perHost;
    private final ConcurrentMap<String, Semaphore> hosts = new ConcurrentHashMap<>();

    ProbeLimits(int global, int perHost) {
        this.global = new Semaphore(global);
        this.perHost = perHost;
    }

    /** Waits for both permits until the deadline ({@link System#nanoTime()} based). */
    Permit acquire(String host, long deadline) throws InterruptedException {
        Semaphore hostPermits = hosts.computeIfAbsent(host, h -> new Semaphore(perHost));
        if (!hostPermits.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            return Permit.DENIED;
        }
        if (!global.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            hostPermits.release();
            return Permit.DENIED;
        }
        return new Permit(() -> {
            global.release();
            hostPermits.release();
        });
    }

    record Permit(Runnable release) implements AutoCloseable {
        static final Permit DENIED = new Permit(null);

        boolean granted() {
            return release != null;
        }

        @Override
        public void close() {
            if (release != null) {
                release.run();
            }
        }
    }
}
