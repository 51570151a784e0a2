package dev.llmhealth.app;

import dev.llmhealth.app.config.ProxyConfig;
import java.io.PrintStream;
import java.time.Duration;

/**
 * What SIGTERM does, in order:
 * <ol>
 *   <li>readiness answers {@code not_ready} (503) at once, so load balancers and Kubernetes stop
 *       sending; liveliness and every other endpoint keep answering;</li>
 *   <li>everything is still served for the drain delay ({@code shutdown_drain_delay}), the time it
 *       takes them to notice;</li>
 *   <li>requests still in flight may finish until the grace period ({@code shutdown_grace_period},
 *       counted from the signal) ends;</li>
 *   <li>the server stops (Helidon closes idle connections and cuts what still runs after its own
 *       half second) and the resources close.</li>
 * </ol>
 * Helidon's own shutdown hook is off ({@code WebServer.builder().shutdownHook(false)}), or it would
 * stop the server at once, in parallel with this.
 */
final class GracefulShutdown {

    /** What is shut down: the running app. */
    interface Target {
        /** Readiness turns not_ready; nothing else changes. */
        void beginDrain();

        int requestsInFlight();

        /** Stops the server and closes everything. */
        void close();
    }

    private static final Duration POLL = Duration.ofMillis(50);

    private final ProxyConfig.Shutdown settings;
    private final PrintStream log;

    GracefulShutdown(ProxyConfig.Shutdown settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** @return whether every request in flight finished within the grace period */
    boolean run(Target target) {
        long start = System.nanoTime();
        long graceEnds = start + settings.gracePeriod().toNanos();
        target.beginDrain();
        // Main's convention: lines starting "health-app: " are errors (in JSON logs too); progress is not
        log.println("shutting down: readiness not_ready; serving on for " + seconds(settings.drainDelay())
                + ", requests in flight have until " + seconds(settings.gracePeriod()) + " after the signal");
        boolean waiting = pauseUntil(start + settings.drainDelay().toNanos());
        while (waiting && target.requestsInFlight() > 0 && System.nanoTime() < graceEnds) {
            waiting = pauseUntil(Math.min(graceEnds, System.nanoTime() + POLL.toNanos()));
        }
        int cut = target.requestsInFlight();
        target.close();
        String stopped = "stopped after " + seconds(Duration.ofNanos(System.nanoTime() - start));
        log.println(cut == 0 ? stopped : "health-app: " + stopped + "; " + cut
                + " request(s) still in flight at the end of the grace period were cut (shutdown_grace_period)");
        return cut == 0;
    }

    /**
     * A shutdown waits for time to pass (the drain delay is for others to notice), not for a state.
     *
     * @return false when interrupted: stop waiting, close now
     */
    private static boolean pauseUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left <= 0) {
            return true;
        }
        try {
            Thread.sleep(Duration.ofNanos(left));
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
