package dev.llmhealth.adapters.http.passthrough;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Watches a server-sent event stream as it passes through and keeps the token usage it reports
 * (OpenAI sends it in a last chunk when asked with {@code stream_options.include_usage}; vLLM and
 * others may send it in every chunk, the latest being the total). Only lines that mention
 * {@code usage} are parsed; an overlong line is skipped, never buffered whole.
 */
final class SseUsageScanner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LINE_BYTES = 1 << 20;
    private static final byte[] USAGE = "\"usage\"".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private boolean overlong;
    private TokenUsage usage = TokenUsage.NONE;

    void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                lineEnded();
            } else if (!overlong) {
                if (line.size() >= MAX_LINE_BYTES) {
                    overlong = true;
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }
    }

    TokenUsage usage() {
        lineEnded();
        return usage;
    }

    private void lineEnded() {
        byte[] text = line.toByteArray();
        line.reset();
        boolean skipped = overlong;
        overlong = false;
        if (skipped || text.length < 6 || !startsWithData(text) || indexOf(text, USAGE) < 0) {
            return;
        }
        try {
            TokenUsage reported = TokenUsage.of(JSON.readTree(text, 5, text.length - 5));
            if (reported.reported()) {
                usage = reported;
            }
        } catch (IOException notJson) {
            // a chunk we cannot read says nothing about usage
        }
    }

    private static boolean startsWithData(byte[] text) {
        return text[0] == 'd' && text[1] == 'a' && text[2] == 't' && text[3] == 'a' && text[4] == ':';
    }

    private static int indexOf(byte[] text, byte[] wanted) {
        outer:
        for (int i = 0; i <= text.length - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (text[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
