package dev.llmhealth.adapters.http.http10;

import io.helidon.common.buffers.BufferData;
import java.nio.charset.StandardCharsets;

/**
 * What the first line of a request says about its protocol, judged from the bytes received so far.
 * Looks at bytes in place (no copy, no string), as it runs once for every new connection.
 */
enum RequestLineVersion {
    /** No line feed has arrived yet: the line may still turn out to be anything. */
    INCOMPLETE,
    /** {@code METHOD target HTTP/1.0} CRLF. */
    HTTP_1_0,
    /** {@code METHOD target HTTP/1.1} CRLF: Helidon's own HTTP/1.1 connection serves it. */
    HTTP_1_1,
    /** The HTTP/2 prior-knowledge preface, left to an HTTP/2 selector if the listener has one. */
    HTTP_2_PREFACE,
    /**
     * A complete line whose method is not a token ({@code \0GET}, {@code G(T}, a leading space): Helidon 4.5's
     * HTTP/1.1 answers it 500 and logs a stack trace (its method parser throws), so it is refused here.
     */
    BAD_METHOD,
    /** Anything else: a malformed line, a bare LF, an unknown version. */
    OTHER;

    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";
    private static final byte[] HTTP_1_0_END = " HTTP/1.0\r".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_1_1_END = " HTTP/1.1\r".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_2_PREFACE_LINE = "PRI * HTTP/2.0\r".getBytes(StandardCharsets.US_ASCII);

    /** Classifies the first line of {@code received} without moving its position. */
    static RequestLineVersion of(BufferData received) {
        int lineFeed = received.indexOf(LF);
        if (lineFeed < 0) {
            return INCOMPLETE;
        }
        if (!methodIsToken(received, lineFeed)) {
            return BAD_METHOD;
        }
        if (endsWith(received, lineFeed, HTTP_1_1_END)) {
            return HTTP_1_1;
        }
        if (endsWith(received, lineFeed, HTTP_1_0_END)) {
            return HTTP_1_0;
        }
        if (lineFeed == HTTP_2_PREFACE_LINE.length && endsWith(received, lineFeed, HTTP_2_PREFACE_LINE)) {
            return HTTP_2_PREFACE;
        }
        return OTHER;
    }

    /** Whether the bytes before the line's first space form a token; a line without a space is judged elsewhere. */
    private static boolean methodIsToken(BufferData received, int lineFeed) {
        for (int i = 0; i < lineFeed; i++) {
            int b = received.get(i);
            if (b == SP) {
                return i > 0;
            }
            if (!isTokenChar(b)) {
                // not a token, unless the line has no space at all (then it is not a request line of any kind)
                return !hasSpace(received, i, lineFeed);
            }
        }
        return true;
    }

    private static boolean hasSpace(BufferData received, int from, int to) {
        for (int i = from; i < to; i++) {
            if (received.get(i) == SP) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTokenChar(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || TCHAR_SYMBOLS.indexOf(b) >= 0;
    }

    private static boolean endsWith(BufferData received, int end, byte[] suffix) {
        int start = end - suffix.length;
        if (start < 0) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (received.get(start + i) != (suffix[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }
}
