package dev.llmhealth.adapters.http;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * At most {@code perWindow} log lines per window; the rest are only counted, and the next line that
 * may be written says how many were left out. A flood of bad requests costs a few lines a second, never
 * a full disk.
 */
final class LogRateLimit {

    private final int perWindow;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong windowStart;
    private final AtomicLong writtenInWindow = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    LogRateLimit(int perWindow, long windowNanos, LongSupplier nanoTime) {
        this.perWindow = perWindow;
        this.windowNanos = windowNanos;
        this.nanoTime = nanoTime;
        this.windowStart = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * @return -1 when this line must be left out; otherwise how many were left out since the last one
     *         written (0 usually)
     */
    long tryAcquire() {
        long now = nanoTime.getAsLong();
        long start = windowStart.get();
        if (now - start >= windowNanos && windowStart.compareAndSet(start, now)) {
            writtenInWindow.set(0);
        }
        if (writtenInWindow.incrementAndGet() > perWindow) {
            suppressed.incrementAndGet();
            return -1;
        }
        return suppressed.getAndSet(0);
    }
}
