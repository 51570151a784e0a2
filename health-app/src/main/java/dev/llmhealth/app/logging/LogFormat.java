package dev.llmhealth.app.logging;

import java.util.Locale;

/** How log records are written: {@code text} (one readable line) or {@code json} (one JSON object a line). */
public enum LogFormat {
    TEXT, JSON;

    /** @throws InvalidLogSetting when the text is neither {@code text} nor {@code json} (any case) */
    public static LogFormat parse(String text, String source) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new InvalidLogSetting(source + " must be text or json, got '" + text + "'");
        };
    }
}
