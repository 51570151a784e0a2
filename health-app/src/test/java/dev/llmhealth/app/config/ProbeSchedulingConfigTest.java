package dev.llmhealth.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmhealth.domain.model.ProbeSchedulingSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code skip_probe_when_traffic_ok}, {@code unhealthy_interval}, {@code health_check_daily_budget} and
 * {@code panic_threshold_percent}: read from general_settings, defaulted, and checked.
 */
class ProbeSchedulingConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    private record Case(String general, boolean skip, Duration unhealthyInterval) {
    }

    @Test
    void theKnobsAndTheirDefaults() {
        for (Case row : List.of(
                new Case("{}", true, Duration.ofSeconds(300)),
                new Case("{health_check_interval: 60}", true, Duration.ofSeconds(60)),
                new Case("{skip_probe_when_traffic_ok: false}", false, Duration.ofSeconds(300)),
                new Case("{health_check_interval: 60, unhealthy_interval: 5}", true, Duration.ofSeconds(5)),
                new Case("{unhealthy_interval: 0.5}", true, Duration.ofMillis(500)),
                new Case("{health_check_interval: 60, unhealthy_interval: 60}", true, Duration.ofSeconds(60)))) {
            ProbeSchedulingSettings settings = loader.parse("general_settings: " + row.general()).probeScheduling();
            assertEquals(new ProbeSchedulingSettings(row.skip(), row.unhealthyInterval()), settings, row.general());
        }
    }

    @Test
    void theProbeBudgetIsOffByDefaultAndThePanicThresholdIsFiftyPercent() {
        ProxyConfig defaults = loader.parse("general_settings: {}");
        assertEquals(0.0, defaults.probeScheduling().dailyBudgetUsd());
        assertEquals(50, defaults.panicThresholdPercent());

        ProxyConfig set = loader.parse("general_settings: {health_check_daily_budget: 0.25, panic_threshold_percent: 0}");
        assertEquals(0.25, set.probeScheduling().dailyBudgetUsd());
        assertEquals(0, set.panicThresholdPercent());
    }

    private record Bad(String general, String message) {
    }

    @Test
    void aBadValueIsRefusedNamingTheKey() {
        for (Bad row : List.of(
                new Bad("{health_check_interval: 60, unhealthy_interval: 120}",
                        "general_settings.unhealthy_interval: must not be longer than health_check_interval (60.0 s), got 120.0 s"),
                new Bad("{unhealthy_interval: 0}", "general_settings.unhealthy_interval: must be more than 0 seconds (at most a week), got 0"),
                new Bad("{unhealthy_interval: soon}", "general_settings.unhealthy_interval: must be a number of seconds, got 'soon'"),
                new Bad("{skip_probe_when_traffic_ok: maybe}", "general_settings.skip_probe_when_traffic_ok: must be true or false, got 'maybe'"),
                new Bad("{health_check_daily_budget: -1}", "general_settings.health_check_daily_budget: must be an amount in USD of 0 (no budget) or more, got -1"),
                new Bad("{health_check_daily_budget: lots}", "general_settings.health_check_daily_budget: must be an amount in USD, e.g. 0.50"),
                new Bad("{panic_threshold_percent: 150}", "general_settings.panic_threshold_percent: must be between 0 and 100, got 150"))) {
            ConfigException error = assertThrows(ConfigException.class, () -> loader.parse("general_settings: " + row.general()));
            assertEquals(row.message(), error.getMessage(), row.general());
        }
    }
}
