package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.port.in.RunCheckRoundUseCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The background scheduler: services every {@code service_check_interval}; model rounds at once
 * (after {@code initial_jitter}), then every {@code health_check_interval}, spread by
 * {@code interval_jitter_percent} so replicas never probe in lockstep; with an
 * {@code unhealthy_interval} shorter than that, unhealthy deployments are re-checked on it in
 * between. Each loop is one virtual thread; a failing iteration is logged and the loop goes on.
 */
public final class HealthMonitor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HealthMonitor.class.getName());
    /** How long close waits for each loop's iteration in flight to give up. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final RunCheckRoundUseCase rounds;
    private final ServiceCheckService services;
    private final HealthSettings settings;
    private final Duration unhealthyInterval;
    private final Runnable recheckUnhealthy;
    private final Runnable pullShared;
    private Thread roundLoop;
    private Thread serviceLoop;
    private Thread recheckLoop;

    public HealthMonitor(RunCheckRoundUseCase rounds, ServiceCheckService services, HealthSettings settings,
                         Duration unhealthyInterval, Runnable recheckUnhealthy, Runnable pullShared) {
        this.pullShared = pullShared;
        this.rounds = rounds;
        this.services = services;
        this.settings = settings;
        this.unhealthyInterval = unhealthyInterval;
        this.recheckUnhealthy = recheckUnhealthy;
    }

    public synchronized void start() {
        if (roundLoop != null) {
            return;
        }
        serviceLoop = Thread.ofVirtual().name("health-services").start(
                () -> loop(Duration.ZERO, this::checkServicesAndPullShared, settings::serviceCheckInterval));
        roundLoop = Thread.ofVirtual().name("health-rounds").start(
                () -> loop(settings.initialJitter(), rounds::runRound, this::nextRoundDelay));
        if (unhealthyInterval.compareTo(settings.interval()) < 0) {
            recheckLoop = Thread.ofVirtual().name("health-rechecks").start(
                    () -> loop(settings.initialJitter().plus(unhealthyInterval), recheckUnhealthy, () -> unhealthyInterval));
        }
    }

    private void checkServicesAndPullShared() {
        services.checkServices();
        pullShared.run();
    }

    /** The interval, moved by a random share of up to {@code interval_jitter_percent} either way. */
    Duration nextRoundDelay() {
        long base = settings.interval().toMillis();
        long spread = base * settings.jitterPercent() / 100;
        long jitter = spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(-spread, spread + 1);
        return Duration.ofMillis(Math.max(1, base + jitter));
    }

    private static void loop(Duration firstDelay, Runnable work, java.util.function.Supplier<Duration> nextDelay) {
        try {
            Thread.sleep(firstDelay);
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    work.run();
                } catch (RuntimeException unexpected) {
                    LOG.log(System.Logger.Level.ERROR, "health check iteration failed: " + unexpected.getClass().getName());
                }
                Thread.sleep(nextDelay.get());
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the loops and waits (a little) for an iteration in flight to give up, so nothing it
     * would still publish or record outlives the adapters that are closed next.
     */
    @Override
    public synchronized void close() {
        if (roundLoop != null) {
            List<Thread> loops = new ArrayList<>(List.of(roundLoop, serviceLoop));
            if (recheckLoop != null) {
                loops.add(recheckLoop);
            }
            loops.forEach(Thread::interrupt);
            for (Thread loop : loops) {
                try {
                    loop.join(STOP_WAIT);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            roundLoop = null;
            serviceLoop = null;
            recheckLoop = null;
        }
    }
}
