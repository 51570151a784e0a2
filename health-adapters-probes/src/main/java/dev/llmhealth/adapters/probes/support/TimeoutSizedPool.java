package dev.llmhealth.adapters.probes.support;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A connection pool whose connect and read timeouts come from the check timeout, built on first
 * use. It follows the shortest timeout seen, so no wait inside it outlasts a caller's deadline (a
 * longer call merely waits less for a connection); a shorter timeout replaces it, closing the old
 * one in the background.
 */
public final class TimeoutSizedPool<T extends AutoCloseable> implements AutoCloseable {

    private final Function<Duration, T> factory;
    private T pool;
    private Duration poolTimeout;
    private boolean closed;

    public TimeoutSizedPool(Function<Duration, T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** @throws IllegalStateException once closed */
    public synchronized T get(Duration timeout) {
        if (closed) {
            throw new IllegalStateException("probe closed");
        }
        if (pool == null || timeout.compareTo(poolTimeout) < 0) {
            T previous = pool;
            pool = factory.apply(timeout);
            poolTimeout = timeout;
            if (previous != null) {
                Thread.ofVirtual().start(() -> closeQuietly(previous));
            }
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            closeQuietly(pool);
            pool = null;
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception ignored) {
            // closing a pool to a dead server may fail; nothing is left to release
        }
    }
}
