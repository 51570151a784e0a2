package dev.llmhealth.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of what a hostile or merely flaky client sends: a request (any route, any
 * method) that is well formed, or broken in one place (request line, a header, the body's length,
 * its chunked framing, its encoding), and how the client ends (waits for the answer after a
 * half-close, closes at once, or resets the connection). The same seed gives the same cases.
 */
final class BrokenRequests {

    /** How the client leaves once it has sent its bytes. */
    enum End {
        /** Shuts its output down and reads the answer to the end: the server must answer, then close. */
        HALF_CLOSE,
        /** Closes without reading anything. */
        CLOSE,
        /** Closes with an RST (SO_LINGER 0), as a crashed client or a load balancer's timeout does. */
        RESET
    }

    /** What was wrong with a request, if anything. */
    enum Fault {
        NONE(false),
        TRUNCATED_HEAD(false),
        REQUEST_LINE(false),
        HEADER(false),
        SHORT_BODY(true),
        LONG_BODY(false),
        CHUNK_WITHOUT_CRLF(true),
        CHUNK_ENDS_EARLY(true),
        CHUNK_SIZE(true),
        CHUNK_UNTERMINATED(true),
        CHUNK_TRAILER(true),
        CONTENT_ENCODING(true),
        EXPECT_CONTINUE_WITHOUT_BODY(true);

        /** The body as framed cannot be read whole: a server that reads it must refuse it. */
        final boolean bodyBroken;

        Fault(boolean bodyBroken) {
            this.bodyBroken = bodyBroken;
        }
    }

    /**
     * One generated case.
     *
     * @param passThrough the path is one of the pass-through's POST routes and the method is POST
     */
    record Request(int index, String path, String method, Fault fault, End end, byte[] bytes, boolean passThrough) {

        @Override
        public String toString() {
            return "case " + index + " " + fault + " " + method + " " + path + " " + end + ": "
                    + new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.ISO_8859_1)
                    .replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
        }
    }

    static final List<String> HEALTH_PATHS = List.of("/health", "/health/readiness", "/health/liveliness", "/health/liveness",
            "/health/models", "/health/services", "/health/history", "/metrics", "/nope", "/v1/models", "/models");
    static final List<String> POST_PATHS = List.of("/v1/chat/completions", "/chat/completions", "/v1/embeddings", "/embeddings");
    private static final List<String> METHODS = List.of("GET", "POST", "HEAD", "PUT", "OPTIONS", "DELETE");
    private static final List<String> BAD_CHUNK_SIZES = List.of("zz", "-5", "", "5;a=b", "ffffffffff", " 5", "0x5", "5 5",
            "99999999999999999999", "\u00005");

    private final Random random;
    private int index;

    BrokenRequests(long seed) {
        this.random = new Random(seed);
    }

    Request next() {
        boolean post = random.nextInt(2) == 0;
        String path = post ? pick(POST_PATHS) : pick(HEALTH_PATHS);
        String method = post ? "POST" : pick(METHODS);
        Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
        // a complete request that the client abandons may still be forwarded (rightly): only unfinished ones are left early
        boolean unfinished = fault == Fault.TRUNCATED_HEAD || fault.bodyBroken && fault != Fault.CHUNK_WITHOUT_CRLF;
        End end = !unfinished || random.nextInt(10) < 6 ? End.HALF_CLOSE : random.nextBoolean() ? End.CLOSE : End.RESET;
        String body = path.contains("embeddings") ? "{\"model\":\"gpt-4\",\"input\":\"ping\"}"
                : "{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";
        String text = switch (fault) {
            case NONE -> head(method, path, "Content-Length: " + body.length() + "\r\n") + body;
            case TRUNCATED_HEAD -> {
                String whole = head(method, path, "Content-Length: " + body.length() + "\r\n");
                yield whole.substring(0, 1 + random.nextInt(whole.length() - 3));
            }
            case REQUEST_LINE -> brokenRequestLine(method, path) + "Host: 127.0.0.1\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body;
            case HEADER -> head(method, path, brokenHeader(body.length())) + body;
            case SHORT_BODY -> head(method, path, "Content-Length: " + (body.length() + 1 + random.nextInt(5000)) + "\r\n")
                    + body.substring(0, random.nextInt(body.length() + 1));
            case LONG_BODY -> head(method, path, "Content-Length: " + body.length() + "\r\n") + body + garbage(1 + random.nextInt(40));
            case CHUNK_WITHOUT_CRLF -> chunked(method, path) + hex(body.length()) + "\r\n" + body + pick(List.of("", "XY", "\n",
                    "0\r\n\r\n", "\r", garbage(3))) + (random.nextBoolean() ? "" : "0\r\n\r\n");
            case CHUNK_ENDS_EARLY -> chunked(method, path) + hex(body.length() + 1 + random.nextInt(100)) + "\r\n"
                    + body.substring(0, random.nextInt(body.length() + 1));
            case CHUNK_SIZE -> chunked(method, path) + pick(BAD_CHUNK_SIZES) + "\r\n" + body + "\r\n0\r\n\r\n";
            case CHUNK_UNTERMINATED -> chunked(method, path) + hex(body.length()) + "\r\n" + body + "\r\n"
                    + pick(List.of("", "0\r\n", "0", "1\r\n"));
            case CHUNK_TRAILER -> chunked(method, path) + hex(body.length()) + "\r\n" + body + "\r\n0\r\n" + pick(List.of(
                    "X-Trailer: 1\r\n\r\n", "garbage\r\n\r\n", "X: y\r\n"));
            case CONTENT_ENCODING -> head(method, path, "Content-Encoding: " + pick(List.of("gzip", "deflate", "br", "x-nope"))
                    + "\r\nContent-Length: 10\r\n") + garbage(10);
            case EXPECT_CONTINUE_WITHOUT_BODY -> head(method, path, "Expect: 100-continue\r\nContent-Length: " + body.length()
                    + "\r\n");
        };
        boolean passThrough = post && fault != Fault.REQUEST_LINE;
        return new Request(index++, path, method, fault, end, text.getBytes(StandardCharsets.ISO_8859_1), passThrough);
    }

    private static String head(String method, String path, String headers) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + headers + "\r\n";
    }

    private String chunked(String method, String path) {
        return head(method, path, "Transfer-Encoding: chunked\r\n");
    }

    private String brokenRequestLine(String method, String path) {
        String line = method + " " + path + " HTTP/1.1";
        return switch (random.nextInt(7)) {
            case 0 -> line.substring(0, random.nextInt(line.length())) + "\r\n";
            case 1 -> insert(line, pick(List.of("\u0000", " ", "\t", "\n", "\r", "\u00ff", "%", "(", "\u007f"))) + "\r\n";
            case 2 -> line.replace("HTTP/1.1", pick(List.of("HTTP/1.2", "HTTP/2.0", "HTTP/0.9", "http/1.1", "HTTP/1", "HTTP/11")))
                    + "\r\n";
            case 3 -> line + "\n";
            case 4 -> garbage(1 + random.nextInt(60)) + "\r\n";
            case 5 -> method + " " + path + "?" + pick(List.of("%zz", "model=%", "a b", "\u0000")) + " HTTP/1.1\r\n";
            default -> pick(List.of("G(T", "", "GE\u0001T", "X".repeat(300))) + " " + path + " HTTP/1.1\r\n";
        };
    }

    private String brokenHeader(int bodyLength) {
        String length = "Content-Length: " + bodyLength + "\r\n";
        return switch (random.nextInt(10)) {
            case 0 -> length + "no colon here\r\n";
            case 1 -> length + "X-A : b\r\n";
            case 2 -> length + "X-A: a\u0000b\r\n";
            case 3 -> length + "X-A: b\r\n folded\r\n";
            case 4 -> "Content-Length: " + pick(List.of("ten", "-5", "", "1e3", "99999999999999999999", "0x20", " 5 5")) + "\r\n";
            case 5 -> length + "Content-Length: " + (bodyLength + 1) + "\r\n";
            case 6 -> length + "Transfer-Encoding: chunked\r\n";
            case 7 -> "Transfer-Encoding: " + pick(List.of("gzip", "gzip, chunked", "chunked, chunked", "identity", "")) + "\r\n"
                    + length;
            case 8 -> length + "Host: other\r\n";
            default -> length + "X-A: b\nX-B: c\r\n";
        };
    }

    private String insert(String text, String what) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + what + text.substring(at);
    }

    private String garbage(int length) {
        StringBuilder bytes = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            bytes.append((char) random.nextInt(256));
        }
        return bytes.toString();
    }

    private static String hex(int size) {
        return Integer.toHexString(size);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
