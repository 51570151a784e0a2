package dev.llmhealth.domain.model;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The spans {@code /health/uptime} reports over, in the words status pages use. */
public enum UptimeWindow {
    DAY("24h", Duration.ofHours(24)),
    WEEK("7d", Duration.ofDays(7));

    private final String word;
    private final Duration length;

    UptimeWindow(String word, Duration length) {
        this.word = word;
        this.length = length;
    }

    public String word() {
        return word;
    }

    public Duration length() {
        return length;
    }

    public static Optional<UptimeWindow> fromWord(String word) {
        return Arrays.stream(values()).filter(w -> w.word.equals(word)).findFirst();
    }
}
