package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.HealthSnapshot;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** Holds the latest published snapshot. Writers replace it atomically; readers never block. */
public final class SnapshotStore {

    private final Instant startedAt;
    private final AtomicReference<HealthSnapshot> current;

    public SnapshotStore(HealthSnapshot initial) {
        this.startedAt = initial.publishedAt();
        this.current = new AtomicReference<>(Objects.requireNonNull(initial));
    }

    public HealthSnapshot current() {
        return current.get();
    }

    /** When monitoring started: before the first round ends, stall detection counts from here. */
    public Instant startedAt() {
        return startedAt;
    }

    public HealthSnapshot update(UnaryOperator<HealthSnapshot> change) {
        return current.updateAndGet(change);
    }
}
