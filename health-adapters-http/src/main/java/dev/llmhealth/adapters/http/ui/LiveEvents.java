package dev.llmhealth.adapters.http.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmhealth.adapters.http.HistoryResponses.TransitionView;
import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.port.out.TransitionListener;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live feed behind {@code /health/events}: each transition as it is recorded, and the page's
 * state whenever it changed (looked at once a second, and only while someone listens, so the health
 * endpoints never pay for it). Each listener has a small queue of its own; one that falls that far
 * behind is dropped (its browser reconnects) rather than held in memory or allowed to slow the checks.
 */
public final class LiveEvents implements TransitionListener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUEUE = 64;
    private static final Duration TICK = Duration.ofSeconds(1);

    /** One listener's events, in order; authorized listeners also hear transitions and the full state. */
    public static final class Subscription implements AutoCloseable {
        private static final LiveEvent END = new LiveEvent("end", new byte[0]);
        private final boolean authorized;
        private final BlockingQueue<LiveEvent> queue = new ArrayBlockingQueue<>(QUEUE + 1);
        private final Set<Subscription> owner;
        private volatile boolean ended;

        private Subscription(boolean authorized, Set<Subscription> owner) {
            this.authorized = authorized;
            this.owner = owner;
        }

        /** The next event; empty after {@code wait} with none (time for a keep-alive) or once the feed has ended. */
        public Optional<LiveEvent> next(Duration wait) throws InterruptedException {
            LiveEvent event = ended && queue.isEmpty() ? END : queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (event == END) {
                ended = true;
                return Optional.empty();
            }
            return Optional.ofNullable(event);
        }

        public boolean ended() {
            return ended && queue.isEmpty();
        }

        private void offer(LiveEvent event) {
            if (!ended && !queue.offer(event)) {
                end();
            }
        }

        private void end() {
            ended = true;
            owner.remove(this);
            queue.clear();
            queue.offer(END);
        }

        @Override
        public void close() {
            owner.remove(this);
            ended = true;
        }
    }

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("status-page-events").factory());
    private volatile LiveState state;
    private volatile boolean draining;
    private byte[] lastFull = new byte[0];
    private byte[] lastStatus = new byte[0];

    /** Starts watching {@code source} for changes; transitions are passed on from the start. */
    public void watch(LiveState source) {
        this.state = source;
        ticker.scheduleWithFixedDelay(this::publishIfChanged, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A new listener, its first event the current state. While draining (a graceful shutdown) the feed
     * ends after that first event, so no stream holds the shutdown up; the page polls meanwhile.
     */
    public Subscription subscribe(boolean authorized) {
        Subscription subscription = new Subscription(authorized, subscriptions);
        LiveState source = state;
        if (source != null) {
            subscription.offer(new LiveEvent(LiveEvent.SNAPSHOT, authorized ? source.full() : source.statusOnly()));
        }
        if (draining) {
            subscription.end();
        } else {
            subscriptions.add(subscription);
        }
        return subscription;
    }

    /** Ends every stream and every new one after its first event. */
    public void drain() {
        draining = true;
        subscriptions.forEach(Subscription::end);
    }

    @Override
    public void transitioned(HealthTransition transition) {
        if (subscriptions.isEmpty()) {
            return;
        }
        LiveEvent event = new LiveEvent(LiveEvent.TRANSITION, write(TransitionView.of(transition)));
        for (Subscription subscription : subscriptions) {
            if (subscription.authorized) {
                subscription.offer(event);
            }
        }
    }

    private void publishIfChanged() {
        LiveState source = state;
        if (source == null || subscriptions.isEmpty()) {
            return;
        }
        try {
            byte[] full = source.full();
            byte[] status = source.statusOnly();
            boolean fullChanged = !Arrays.equals(full, lastFull);
            boolean statusChanged = !Arrays.equals(status, lastStatus);
            lastFull = full;
            lastStatus = status;
            for (Subscription subscription : subscriptions) {
                if (subscription.authorized && fullChanged) {
                    subscription.offer(new LiveEvent(LiveEvent.SNAPSHOT, full));
                } else if (!subscription.authorized && statusChanged) {
                    subscription.offer(new LiveEvent(LiveEvent.SNAPSHOT, status));
                }
            }
        } catch (RuntimeException failed) {
            // a scheduled task that throws is never run again: log, and look again next tick
            System.getLogger(LiveEvents.class.getName()).log(System.Logger.Level.WARNING,
                    "status page events: could not render the state ({0})", failed.getClass().getSimpleName());
        }
    }

    private static byte[] write(Object view) {
        try {
            return JSON.writeValueAsBytes(view);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot serialize a transition", impossible);
        }
    }

    /** Stops watching and ends every stream (the core behind it is going away). */
    @Override
    public void close() {
        ticker.shutdownNow();
        drain();
    }
}
