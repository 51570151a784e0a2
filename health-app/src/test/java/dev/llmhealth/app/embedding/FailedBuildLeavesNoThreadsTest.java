package dev.llmhealth.app.embedding;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.llmhealth.domain.model.AlertSettings;
import dev.llmhealth.domain.model.DeliveryOutcome;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.port.out.AlertChannel;
import dev.llmhealth.domain.port.out.AlertClaims;
import dev.llmhealth.embedded.HealthModule;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A module whose build fails part-way (the host's probe factory throws, a registry refuses a metric) is
 * never handed to anyone who could close it: the threads it started by then (each alert channel's
 * worker, the alert decider) must not outlive the failed build, or every failed reload leaks them.
 */
class FailedBuildLeavesNoThreadsTest {

    private static final String CHANNEL = "leakcheck-channel";

    @Test
    void aBuildThatFailsAfterTheAlertWorkersStartedStopsThemAgain() throws Exception {
        AlertChannel channel = new AlertChannel() {
            @Override
            public String name() {
                return CHANNEL;
            }

            @Override
            public DeliveryOutcome deliver(dev.llmhealth.domain.model.AlertBatch batch) {
                return DeliveryOutcome.DELIVERED;
            }
        };
        HealthModule.Builder builder = HealthModule.builder()
                .router(() -> List.of(new Deployment("d1", "gpt-4", "https://example.com/v1", ProbeMode.MODELS)))
                .modelProbe(spend -> {
                    throw new IllegalStateException("the host's probes cannot start");
                })
                .alerts(List.of(channel), AlertSettings.defaults(), AlertClaims.local())
                .standardCollectors(false);

        assertThrows(IllegalStateException.class, builder::build);

        String dump = awaitGone("alerts-" + CHANNEL);
        assertFalse(dump.contains("\"alerts-" + CHANNEL + "\""), "the channel's worker outlived the failed build");
        assertFalse(dump.contains("\"alerts-decider\""), "the alert decider outlived the failed build");
    }

    /** A thread dump that includes virtual threads, taken until the named thread is gone (or a few seconds passed). */
    private static String awaitGone(String name) throws IOException, InterruptedException {
        String dump = "";
        for (int attempt = 0; attempt < 50; attempt++) {
            dump = threadDump();
            if (!dump.contains("\"" + name + "\"")) {
                return dump;
            }
            Thread.sleep(100);
        }
        return dump;
    }

    private static String threadDump() throws IOException {
        Path file = Files.createTempFile("threads", ".txt");
        Files.delete(file); // dumpThreads refuses an existing file
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            return Files.readString(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
