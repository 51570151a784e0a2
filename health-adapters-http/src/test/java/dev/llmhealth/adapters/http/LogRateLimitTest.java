package dev.llmhealth.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogRateLimitTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final LogRateLimit limit = new LogRateLimit(5, 1_000_000_000L, now::get);

    @Test
    void aFloodGetsAFewLinesPerWindowAndTheNextLineSaysHowManyWereLeftOut() {
        int written = 0;
        for (int i = 0; i < 10_000; i++) {
            if (limit.tryAcquire() >= 0) {
                written++;
            }
        }
        assertEquals(5, written, "at most five lines in one window, whatever the flood");
        now.addAndGet(1_000_000_000L);
        assertEquals(9_995, limit.tryAcquire(), "the first line of the next window counts the ones left out");
        assertEquals(0, limit.tryAcquire());
    }
}
