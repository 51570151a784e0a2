package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Alert;
import dev.llmhealth.domain.model.AlertBatch;
import dev.llmhealth.domain.model.AlertSettings;
import dev.llmhealth.domain.model.AlertType;
import dev.llmhealth.domain.model.DeliveryOutcome;
import dev.llmhealth.domain.model.TestAlertReport;
import dev.llmhealth.domain.port.in.SendTestAlertUseCase;
import dev.llmhealth.domain.port.out.AlertChannel;
import dev.llmhealth.domain.port.out.AlertMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hands each raised alert to every channel's own queue (never waiting on one), and sends the test
 * alert. The only place that decides whether an alert type is raised at all ({@code alert_types}).
 */
public final class AlertDispatcher implements SendTestAlertUseCase, AutoCloseable {

    /** A test waits at most this for a channel, whatever the channel's own timeout. */
    private static final Duration TEST_DEADLINE = Duration.ofSeconds(30);

    private final List<ChannelQueue> queues;
    private final AlertSettings settings;
    private final AlertMetrics metrics;
    private final Clock clock;
    private final String replica;

    public AlertDispatcher(List<AlertChannel> channels, AlertSettings settings, AlertMetrics metrics, Clock clock, String replica) {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.replica = replica;
        this.queues = channels.stream().map(channel -> new ChannelQueue(channel, settings, metrics)).toList();
    }

    public AlertSettings settings() {
        return settings;
    }

    public boolean hasChannels() {
        return !queues.isEmpty();
    }

    /** Queues the alert for every channel that takes its type; returns at once. */
    public void raise(Alert alert) {
        if (settings.raises(alert.type()) || alert.phase() == Alert.Phase.TEST) {
            queues.forEach(queue -> queue.offer(alert));
        }
    }

    @Override
    public TestAlertReport sendTestAlert() {
        Alert test = new Alert(AlertType.LLM_EXCEPTIONS, Alert.Phase.TEST, "test", "test", Optional.empty(), Optional.empty(),
                Optional.empty(), clock.instant(), Optional.empty(), clock.instant(), replica);
        AlertBatch batch = new AlertBatch(List.of(test));
        // not closed with try-with-resources: that would wait for a hung channel past the deadline
        ExecutorService each = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<DeliveryOutcome>> sent = new ArrayList<>();
            for (ChannelQueue queue : queues) {
                sent.add(each.submit(() -> queue.channel().deliver(batch)));
            }
            long deadline = System.nanoTime() + TEST_DEADLINE.toNanos();
            List<TestAlertReport.ChannelResult> results = new ArrayList<>();
            for (int i = 0; i < queues.size(); i++) {
                String name = queues.get(i).channel().name();
                DeliveryOutcome outcome = outcome(sent.get(i), deadline);
                metrics.delivered(name, outcome.delivered() ? "delivered" : "failed", 1);
                results.add(new TestAlertReport.ChannelResult(name, outcome.delivered(), outcome.reason()));
            }
            return new TestAlertReport(results);
        } finally {
            each.shutdownNow();
        }
    }

    private static DeliveryOutcome outcome(Future<DeliveryOutcome> sent, long deadline) {
        try {
            return sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            sent.cancel(true);
            return new DeliveryOutcome.Retryable("no answer within " + TEST_DEADLINE.toSeconds() + " s");
        } catch (ExecutionException broken) {
            return new DeliveryOutcome.Retryable("channel failed: " + broken.getCause().getClass().getSimpleName());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new DeliveryOutcome.Retryable("interrupted");
        }
    }

    @Override
    public void close() {
        queues.forEach(ChannelQueue::close);
    }
}
