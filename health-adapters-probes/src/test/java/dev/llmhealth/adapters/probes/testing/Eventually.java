package dev.llmhealth.adapters.probes.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds or a deadline passes: tests wait for state, never for a fixed time. */
public final class Eventually {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private Eventually() {
    }

    /** @return the first value that satisfied {@code condition}, else fails with the last one seen */
    public static <T> T poll(Duration deadline, Supplier<T> attempt, Predicate<T> condition) {
        long end = System.nanoTime() + deadline.toNanos();
        T last = attempt.get();
        while (!condition.test(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + deadline.toMillis() + " ms; last value: " + last);
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            last = attempt.get();
        }
        return last;
    }
}
