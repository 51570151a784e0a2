package dev.llmhealth.adapters.http.ui;

import java.nio.charset.StandardCharsets;

/** One Server-Sent Event: {@code snapshot} (the page's whole state) or {@code transition} (one change of state). */
public record LiveEvent(String name, byte[] data) {

    public static final String SNAPSHOT = "snapshot";
    public static final String TRANSITION = "transition";

    /** The event in {@code text/event-stream} framing; the JSON data holds no line break. */
    public byte[] framed() {
        return ("event: " + name + "\ndata: " + new String(data, StandardCharsets.UTF_8) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
