package dev.llmhealth.domain.service;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The start-up timeline, logged at DEBUG ({@code --log-level debug}): each step of a start is marked
 * once per process with its time since the JVM started and the thread that got there, so where the
 * time to the first ready answer goes can be read off one log (the steps run on several threads at
 * once: the web server, the database and Redis checks, the first round). A later config reload marks
 * nothing again. Costs nothing when DEBUG is off beyond one set lookup per step.
 */
public final class StartupTimeline {

    private static final System.Logger LOG = System.getLogger(StartupTimeline.class.getName());
    /** When the JVM started (the process's start, to the clock tick), or this class was loaded when that is unknown. */
    private static final long JVM_START_MILLIS = ProcessHandle.current().info().startInstant()
            .map(Instant::toEpochMilli).orElseGet(System::currentTimeMillis);
    private static final Set<String> MARKED = ConcurrentHashMap.newKeySet();

    private StartupTimeline() {
    }

    /** Marks {@code step} reached now, the first time only. */
    public static void mark(String step) {
        if (MARKED.size() < 64 && MARKED.add(step) && LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, "start-up: {0} at {1} ms since JVM start ({2})", step,
                    String.valueOf(System.currentTimeMillis() - JVM_START_MILLIS), Thread.currentThread().getName());
        }
    }
}
