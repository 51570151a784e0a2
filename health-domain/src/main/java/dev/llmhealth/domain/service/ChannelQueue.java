package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Alert;
import dev.llmhealth.domain.model.AlertBatch;
import dev.llmhealth.domain.model.AlertSettings;
import dev.llmhealth.domain.model.DeliveryOutcome;
import dev.llmhealth.domain.port.out.AlertChannel;
import dev.llmhealth.domain.port.out.AlertMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One channel's bounded queue and the one thread that drains it: collects what arrives within the
 * grouping window, sends one message per {@link Alert#groupKey()}, retries a retryable failure with
 * doubling backoff. A channel that hangs or is down only ever holds up its own thread; a full queue
 * drops (and counts) rather than grow or block whoever raised the alert.
 */
final class ChannelQueue implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ChannelQueue.class.getName());

    private final AlertChannel channel;
    private final AlertSettings settings;
    private final AlertMetrics metrics;
    private final BlockingQueue<Alert> queue;
    private final Thread worker;
    private volatile boolean closing;

    ChannelQueue(AlertChannel channel, AlertSettings settings, AlertMetrics metrics) {
        this.channel = channel;
        this.settings = settings;
        this.metrics = metrics;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.worker = Thread.ofVirtual().name("alerts-" + channel.name()).start(this::drain);
    }

    AlertChannel channel() {
        return channel;
    }

    /** Never blocks: the caller is a check's or a listener's thread. */
    void offer(Alert alert) {
        if (!channel.accepts(alert.type())) {
            return;
        }
        if (!queue.offer(alert)) {
            metrics.dropped(channel.name(), 1);
            LOG.log(System.Logger.Level.WARNING, "alerts: {0} queue full ({1}), an alert was dropped", channel.name(),
                    settings.queueCapacity());
        }
    }

    private void drain() {
        try {
            while (!closing) {
                List<Alert> window = new ArrayList<>();
                window.add(queue.take());
                long deadline = System.nanoTime() + settings.groupingWindow().toNanos();
                for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                    Alert next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    window.add(next);
                }
                for (AlertBatch batch : grouped(window)) {
                    send(batch);
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /** One batch per group key, in the order each group first appeared. */
    static List<AlertBatch> grouped(List<Alert> window) {
        Map<String, List<Alert>> groups = new LinkedHashMap<>();
        window.forEach(alert -> groups.computeIfAbsent(alert.groupKey(), key -> new ArrayList<>()).add(alert));
        return groups.values().stream().map(AlertBatch::new).toList();
    }

    private void send(AlertBatch batch) throws InterruptedException {
        Duration backoff = settings.firstBackoff();
        for (int attempt = 1; ; attempt++) {
            DeliveryOutcome outcome = attempt(batch);
            if (outcome.delivered()) {
                metrics.delivered(channel.name(), "delivered", batch.alerts().size());
                return;
            }
            boolean last = attempt >= settings.maxAttempts() || outcome instanceof DeliveryOutcome.Rejected;
            LOG.log(System.Logger.Level.WARNING, "alerts: {0} did not take \"{1}\" (try {2} of {3}): {4}{5}", channel.name(),
                    batch.headline(), attempt, settings.maxAttempts(), outcome.reason(), last ? "; given up" : "; trying again");
            if (last) {
                metrics.delivered(channel.name(), "failed", batch.alerts().size());
                return;
            }
            Thread.sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff.multipliedBy(2);
        }
    }

    /** A channel that breaks its contract and throws is a failed try, not a dead worker. */
    private DeliveryOutcome attempt(AlertBatch batch) {
        try {
            return channel.deliver(batch);
        } catch (RuntimeException broken) {
            return new DeliveryOutcome.Retryable("channel failed: " + broken.getClass().getSimpleName());
        }
    }

    /** Stops the worker; what is still queued is counted as dropped. */
    @Override
    public void close() {
        closing = true;
        worker.interrupt();
        try {
            worker.join(Duration.ofSeconds(2));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        queue.clear();
        if (left > 0) {
            metrics.dropped(channel.name(), left);
        }
    }
}
