package dev.llmhealth.app;

import java.util.logging.LogManager;

/**
 * The JDK's log manager, except that the JVM's shutdown does not silence it. The JDK resets logging
 * from a shutdown hook of its own, in parallel with the others, so whatever GracefulShutdown's
 * drain logs (Helidon stopping, a probe failing, JSON log lines of its progress) was lost. Logging
 * stays until the process halts; console handlers flush every record. Installed by
 * {@code -Djava.util.logging.manager} (Main sets it before anything logs).
 */
public final class ShutdownSafeLogManager extends LogManager {

    /** The JDK's hook thread that resets logging at shutdown. */
    private static final String JDK_CLEANER = "java.util.logging.LogManager$Cleaner";

    public ShutdownSafeLogManager() {
        super();
    }

    @Override
    public void reset() {
        if (Thread.currentThread().getClass().getName().equals(JDK_CLEANER)) {
            return;
        }
        super.reset();
    }
}
