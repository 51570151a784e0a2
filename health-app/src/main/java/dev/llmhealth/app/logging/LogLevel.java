package dev.llmhealth.app.logging;

import java.util.Arrays;
import java.util.Locale;
import java.util.logging.Level;
import java.util.stream.Collectors;

/** LiteLLM's log levels ({@code LITELLM_LOG}), and the java.util.logging level each one means. */
public enum LogLevel {
    DEBUG(Level.FINE),
    INFO(Level.INFO),
    WARNING(Level.WARNING),
    ERROR(Level.SEVERE),
    CRITICAL(Level.SEVERE);

    /** For messages: {@code DEBUG, INFO, WARNING, ERROR, CRITICAL}. */
    public static final String ALLOWED = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

    private final Level jul;

    LogLevel(Level jul) {
        this.jul = jul;
    }

    public Level jul() {
        return jul;
    }

    /**
     * @param source the flag or variable the text came from, named in the error
     * @throws InvalidLogSetting when the text is none of the levels (any case)
     */
    public static LogLevel parse(String text, String source) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidLogSetting(source + " must be one of " + ALLOWED + " (any case), got '" + text + "'");
        }
    }
}
