package dev.llmhealth.app.logging;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The log level and format in force: a flag wins over the environment, which wins over the
 * defaults (INFO, text). The variables are LiteLLM's: {@code LITELLM_LOG} and {@code JSON_LOGS}.
 */
public record LogSettings(LogLevel level, LogFormat format) {

    public static final String LEVEL_VARIABLE = "LITELLM_LOG";
    public static final String JSON_VARIABLE = "JSON_LOGS";

    public static LogSettings defaults() {
        return new LogSettings(LogLevel.INFO, LogFormat.TEXT);
    }

    /** @throws InvalidLogSetting when {@code LITELLM_LOG} holds no level (and no flag overrides it) */
    public static LogSettings resolve(Optional<LogLevel> flagLevel, Optional<LogFormat> flagFormat, Map<String, String> environment) {
        LogLevel level = flagLevel.orElseGet(() -> present(environment, LEVEL_VARIABLE)
                .map(text -> LogLevel.parse(text, LEVEL_VARIABLE))
                .orElse(LogLevel.INFO));
        // as LiteLLM reads it: "true" in any case turns JSON on, any other value leaves text
        LogFormat format = flagFormat.orElseGet(() -> present(environment, JSON_VARIABLE)
                .filter(text -> text.trim().toLowerCase(Locale.ROOT).equals("true"))
                .map(json -> LogFormat.JSON)
                .orElse(LogFormat.TEXT));
        return new LogSettings(level, format);
    }

    private static Optional<String> present(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }
}
