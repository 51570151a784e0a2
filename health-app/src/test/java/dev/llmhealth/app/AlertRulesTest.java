package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shipped alert rules are valid Prometheus rules and pass their own unit tests (deploy/prometheus/alerts_test.yaml). */
class AlertRulesTest {

    private final Path rules = Promtool.deployDirectory().resolve("prometheus");

    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        Promtool.Result check = Promtool.require().run(Optional.empty(), "check", "rules", rules.resolve("alerts.yaml").toString());

        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("SUCCESS"), check.output());
    }

    @Test
    void everyAlertFiresWhenItShouldAndOnlyThen() throws Exception {
        // rule_files in the test file are relative to it, so promtool is given its full path
        Promtool.Result test = Promtool.require().run(Optional.empty(), "test", "rules", rules.resolve("alerts_test.yaml").toString());

        assertEquals(0, test.exitCode(), test.output());
        assertTrue(test.output().contains("SUCCESS"), test.output());
    }
}
