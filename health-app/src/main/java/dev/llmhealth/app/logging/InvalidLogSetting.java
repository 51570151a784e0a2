package dev.llmhealth.app.logging;

/** A log level or format, from a flag or the environment, that is not one of the allowed values. */
public final class InvalidLogSetting extends IllegalArgumentException {

    InvalidLogSetting(String message) {
        super(message);
    }
}
