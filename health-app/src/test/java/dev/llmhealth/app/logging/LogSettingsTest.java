package dev.llmhealth.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** --log-level / LITELLM_LOG and --log-format / JSON_LOGS: LiteLLM's names and values, the flag first. */
class LogSettingsTest {

    private static LogSettings fromEnvironment(Map<String, String> environment) {
        return LogSettings.resolve(Optional.empty(), Optional.empty(), environment);
    }

    @Test
    void defaultsAreInfoAndText() {
        assertEquals(LogSettings.defaults(), fromEnvironment(Map.of()));
        assertEquals(new LogSettings(LogLevel.INFO, LogFormat.TEXT), LogSettings.defaults());
    }

    @Test
    void litellmLogSetsTheLevelInAnyCase() {
        assertEquals(LogLevel.DEBUG, fromEnvironment(Map.of("LITELLM_LOG", "DEBUG")).level());
        assertEquals(LogLevel.WARNING, fromEnvironment(Map.of("LITELLM_LOG", "warning")).level());
        assertEquals(LogLevel.ERROR, fromEnvironment(Map.of("LITELLM_LOG", " Error ")).level());
        assertEquals(LogLevel.INFO, fromEnvironment(Map.of("LITELLM_LOG", "")).level(), "blank is unset");
    }

    @Test
    void theLevelsMapOntoJavaUtilLogging() {
        assertEquals(Level.FINE, LogLevel.DEBUG.jul());
        assertEquals(Level.INFO, LogLevel.INFO.jul());
        assertEquals(Level.WARNING, LogLevel.WARNING.jul());
        assertEquals(Level.SEVERE, LogLevel.ERROR.jul());
        assertEquals(Level.SEVERE, LogLevel.parse("critical", "LITELLM_LOG").jul());
    }

    @Test
    void theFlagWinsOverTheEnvironment() {
        LogSettings settings = LogSettings.resolve(Optional.of(LogLevel.ERROR), Optional.of(LogFormat.TEXT),
                Map.of("LITELLM_LOG", "DEBUG", "JSON_LOGS", "true"));
        assertEquals(new LogSettings(LogLevel.ERROR, LogFormat.TEXT), settings);
    }

    @Test
    void theFlagWinsEvenOverABadVariable() {
        assertEquals(LogLevel.INFO, LogSettings.resolve(Optional.of(LogLevel.INFO), Optional.empty(),
                Map.of("LITELLM_LOG", "LOUD")).level());
    }

    @Test
    void aBadLevelNamesTheVariableAndTheAllowedValues() {
        InvalidLogSetting bad = assertThrows(InvalidLogSetting.class, () -> fromEnvironment(Map.of("LITELLM_LOG", "LOUD")));
        assertEquals("LITELLM_LOG must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL (any case), got 'LOUD'", bad.getMessage());
        InvalidLogSetting flag = assertThrows(InvalidLogSetting.class, () -> LogLevel.parse("verbose", "--log-level"));
        assertTrue(flag.getMessage().startsWith("--log-level must be one of DEBUG, INFO"), flag.getMessage());
    }

    @Test
    void jsonLogsIsReadAsLiteLlmReadsIt() {
        assertEquals(LogFormat.JSON, fromEnvironment(Map.of("JSON_LOGS", "true")).format());
        assertEquals(LogFormat.JSON, fromEnvironment(Map.of("JSON_LOGS", "True")).format());
        assertEquals(LogFormat.TEXT, fromEnvironment(Map.of("JSON_LOGS", "false")).format());
        assertEquals(LogFormat.TEXT, fromEnvironment(Map.of("JSON_LOGS", "1")).format(), "LiteLLM: only 'true' turns it on");
        assertEquals(LogFormat.JSON, LogSettings.resolve(Optional.empty(), Optional.of(LogFormat.JSON), Map.of()).format());
    }

    @Test
    void aBadFormatNamesTheFlag() {
        InvalidLogSetting bad = assertThrows(InvalidLogSetting.class, () -> LogFormat.parse("xml", "--log-format"));
        assertEquals("--log-format must be text or json, got 'xml'", bad.getMessage());
    }
}
