package dev.llmhealth.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test moves by hand, starting at {@link Fixtures#T0}: time-based rules without sleeps. */
public final class ManualClock extends Clock {

    public final AtomicReference<Instant> now = new AtomicReference<>(Fixtures.T0);

    @Override
    public ZoneId getZone() {
        return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    public void advance(java.time.Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
