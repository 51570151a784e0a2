package dev.llmhealth.app;

import static dev.llmhealth.app.FuzzChecks.bytes;
import static dev.llmhealth.app.FuzzChecks.get10;
import static dev.llmhealth.app.FuzzChecks.get11;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmhealth.app.FuzzChecks.Case;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and hostile requests over a bare socket, HTTP/1.1 and HTTP/1.0 alike: broken request
 * lines, huge and broken headers, huge URLs, bodies where none belong and broken framing. The app
 * is healthy, so any 5xx is the server's fault. Each case also checks that the answer leaks no
 * stack trace or class name, that the server logged no failure, and that it still serves.
 * The decisions per case: malformed syntax gets a 400 (414 for an overlong request line, 431 or
 * 400 for overlong headers) and a closed connection; a tolerable oddity (a body on a GET, an
 * absolute-form target, a fragment) gets the proper answer.
 */
class HttpFuzzTest {

    private static final String HOST = "Host: 127.0.0.1\r\n";
    private static final String CHAT = "POST /v1/chat/completions HTTP/1.1\r\n" + HOST;

    @RegisterExtension
    static final HealthyApp healthy = HealthyApp.watchingTheLog();

    static Stream<Case> requestLines() {
        return Stream.of(
                Case.of("garbage", "GARBAGE\r\n\r\n", 400),
                Case.of("binary noise", "\u0000\u0001\u00fe\u00ff\u0010garbage\r\n\r\n", 400),
                Case.of("missing version", "GET /health\r\n\r\n", 400),
                Case.of("missing target", "GET HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Case.of("double space HTTP/1.1", "GET  /health HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Case.of("double space HTTP/1.0", "GET  /health HTTP/1.0\r\n\r\n", 400),
                Case.of("tabs between the parts", "GET\t/health\tHTTP/1.1\r\n" + HOST + "\r\n", 400),
                Case.of("space after the version", "GET /health HTTP/1.1 \r\n" + HOST + "\r\n", 400),
                Case.of("NUL in the target HTTP/1.1", "GET /hea\u0000lth HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Case.of("NUL in the target HTTP/1.0", "GET /hea\u0000lth HTTP/1.0\r\n\r\n", 400),
                Case.of("NUL before the method", "\u0000GET /health HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Case.of("lone LF HTTP/1.1", "GET /health HTTP/1.1\nHost: 127.0.0.1\n\n", 400),
                Case.of("lone LF HTTP/1.0", "GET /health HTTP/1.0\n\n", 400),
                Case.of("empty line before the request", "\r\n" + get11("/health/liveliness", ""), 400),
                Case.of("100-character method", "X".repeat(100) + " /health HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n", 405),
                // Helidon 4.5's HTTP/1.1 answered these 500 with a stack trace in the log: its method parser throws
                Case.of("control character in the method", "G\u0001T /health HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Case.of("separator in the method HTTP/1.1", "G(T /health HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Case.of("empty method", " /health HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Case.of("10 000-character method HTTP/1.1", "G".repeat(10_000) + " /health HTTP/1.1\r\n" + HOST + "\r\n", 400, 414),
                Case.of("10 000-character method HTTP/1.0", "G".repeat(10_000) + " /health HTTP/1.0\r\n\r\n", 400, 414),
                Case.of("HTTP/1.2", "GET /health HTTP/1.2\r\n" + HOST + "\r\n", 400, 505),
                Case.of("HTTP/0.9", "GET /health HTTP/0.9\r\n\r\n", 400, 505),
                Case.of("lower-case version", "GET /health http/1.1\r\n" + HOST + "\r\n", 400, 505),
                Case.of("lower-case method HTTP/1.1 (Helidon upper-cases methods)", get11("/health", "").replace("GET", "get"), 200),
                Case.of("lower-case method HTTP/1.0", get10("/health", "").replace("GET", "get"), 200));
    }

    static Stream<Case> headers() {
        String bigValue = "a".repeat(64 * 1024);
        String twoHundred = IntStream.range(0, 200).mapToObj(i -> "X-Fuzz-" + i + ": v\r\n").collect(Collectors.joining());
        String twentyKib = IntStream.range(0, 200).mapToObj(i -> "X-Fuzz-" + i + ": " + "v".repeat(100) + "\r\n")
                .collect(Collectors.joining());
        return Stream.of(
                Case.of("one 64 KiB header HTTP/1.1", get11("/health", "X-Big: " + bigValue + "\r\n"), 400, 431),
                Case.of("one 64 KiB header HTTP/1.0", get10("/health", "X-Big: " + bigValue + "\r\n"), 400, 431),
                Case.of("200 small headers HTTP/1.1", get11("/health", twoHundred), 200),
                Case.of("200 small headers HTTP/1.0", get10("/health", twoHundred), 200),
                Case.of("200 headers, 20 KiB HTTP/1.1", get11("/health", twentyKib), 400, 431),
                Case.of("200 headers, 20 KiB HTTP/1.0", get10("/health", twentyKib), 400, 431),
                Case.of("header line without colon HTTP/1.1", get11("/health", "no colon here\r\n"), 400),
                Case.of("header line without colon HTTP/1.0", get10("/health", "no colon here\r\n"), 400),
                Case.of("space before the colon HTTP/1.1", get11("/health", "X-A : b\r\n"), 400),
                Case.of("space before the colon HTTP/1.0", get10("/health", "X-A : b\r\n"), 400),
                Case.of("obsolete line folding HTTP/1.1", get11("/health", "X-A: b\r\n  folded\r\n"), 400),
                Case.of("obsolete line folding HTTP/1.0", get10("/health", "X-A: b\r\n  folded\r\n"), 400),
                Case.of("NUL in a header value HTTP/1.1", get11("/health", "X-A: a\u0000b\r\n"), 400),
                Case.of("NUL in a header value HTTP/1.0", get10("/health", "X-A: a\u0000b\r\n"), 400),
                Case.of("no Host in HTTP/1.1", "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
                Case.of("two Host headers", get11("/health", "Host: other\r\n"), 400),
                Case.of("malformed Host", "GET /health HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n", 400),
                Case.of("non-ASCII Authorization", get11("/health/models", "Authorization: Bearer \u00ff\u00fe\r\n"), 200),
                Case.of("nonsense Accept on /metrics", get11("/metrics", "Accept: ;;q=zz,,application/openmetrics-text;version=x\r\n"), 200));
    }

    static Stream<Case> urls() {
        String eightKib = "a".repeat(8 * 1024);
        String hundredKib = "a".repeat(100 * 1024);
        return Stream.of(
                Case.of("8 KiB path HTTP/1.1", get11("/health/" + eightKib, ""), 414),
                Case.of("8 KiB path HTTP/1.0", get10("/health/" + eightKib, ""), 400, 414),
                Case.of("8 KiB query HTTP/1.1", get11("/health?x=" + eightKib, ""), 414),
                Case.of("8 KiB query HTTP/1.0", get10("/health?x=" + eightKib, ""), 400, 414),
                Case.of("100 KiB URL HTTP/1.1", get11("/health?x=" + hundredKib, ""), 414).orClosed(),
                Case.of("100 KiB URL HTTP/1.0", get10("/health?x=" + hundredKib, ""), 400, 414).orClosed(),
                Case.of("bad percent escape in the path HTTP/1.1", get11("/health%zz", ""), 400),
                Case.of("bad percent escape in the path HTTP/1.0", get10("/health%zz", ""), 400),
                Case.of("encoded dot segments HTTP/1.1", get11("/%2e%2e/%2e%2e/etc/passwd", ""), 404),
                Case.of("encoded dot segments HTTP/1.0", get10("/%2e%2e/%2e%2e/etc/passwd", ""), 404),
                Case.of("dot segments HTTP/1.1", get11("/../../etc/passwd", ""), 400, 404),
                Case.of("dot segments HTTP/1.0", get10("/../../etc/passwd", ""), 400, 404),
                Case.of("absolute-form target", get11("http://127.0.0.1/health", ""), 200),
                Case.of("asterisk-form OPTIONS", "OPTIONS * HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n", 204, 400, 404),
                Case.of("fragment HTTP/1.1", get11("/health/liveliness#frag", ""), 200),
                Case.of("fragment HTTP/1.0", get10("/health/liveliness#frag", ""), 200),
                Case.of("space in the query", get11("/health?model=a b", ""), 400),
                Case.of("raw UTF-8 in the target HTTP/1.1", get11(bytes("/health?model=✓"), ""), 400),
                Case.of("raw UTF-8 in the target HTTP/1.0", get10(bytes("/health?model=✓"), ""), 400, 404));
    }

    static Stream<Case> bodiesAndFraming() {
        String chunkedChat = CHAT + "Transfer-Encoding: chunked\r\n";
        return Stream.of(
                Case.of("GET with a body HTTP/1.1", get11("/health/liveliness", "Content-Length: 5\r\n") + "hello", 200),
                Case.of("GET with a body HTTP/1.0", get10("/health/liveliness", "Content-Length: 5\r\n") + "hello", 200),
                Case.of("Content-Length not a number HTTP/1.1", get11("/health", "Content-Length: ten\r\n"), 400),
                Case.of("Content-Length not a number HTTP/1.0", get10("/health", "Content-Length: ten\r\n"), 400),
                Case.of("negative Content-Length HTTP/1.1", get11("/health", "Content-Length: -5\r\n"), 400),
                Case.of("negative Content-Length HTTP/1.0", get10("/health", "Content-Length: -5\r\n"), 400),
                Case.of("two Content-Lengths HTTP/1.1", get11("/health", "Content-Length: 5\r\nContent-Length: 6\r\n") + "hello", 400),
                Case.of("two Content-Lengths HTTP/1.0", get10("/health", "Content-Length: 5\r\nContent-Length: 6\r\n") + "hello", 400),
                Case.of("Content-Length beyond a long HTTP/1.1", get11("/health", "Content-Length: 99999999999999999999\r\n"), 400),
                Case.of("Content-Length beyond a long HTTP/1.0", get10("/health", "Content-Length: 99999999999999999999\r\n"), 400),
                Case.of("HTTP/1.0 body over 64 KiB declared", get10("/health", "Content-Length: 100000\r\n"), 413),
                Case.of("chunked and Content-Length", get11("/health", "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n") + "0\r\n\r\n", 400),
                Case.of("Transfer-Encoding gzip", get11("/health", "Transfer-Encoding: gzip\r\n") + "abc", 400),
                Case.of("Transfer-Encoding in HTTP/1.0", get10("/health", "Transfer-Encoding: chunked\r\n") + "0\r\n\r\n", 400),
                Case.of("chunked garbage on a GET (body unread)", get11("/health/liveliness", "Transfer-Encoding: chunked\r\n") + "zz\r\n", 200),
                Case.of("chunked garbage on POST /health", "POST /health HTTP/1.1\r\n" + HOST
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", 405),
                // the pass-through reads its body: a broken chunk size was a 500 with a stack trace in the log (Helidon 4.5)
                Case.of("pass-through: chunk size zz, connection closed", chunkedChat + "\r\nzz\r\nhello\r\n0\r\n\r\n", 400),
                Case.of("pass-through: negative chunk size", chunkedChat + "\r\n-5\r\nhello\r\n0\r\n\r\n", 400),
                Case.of("pass-through: empty chunk size", chunkedChat + "\r\n\r\nhello\r\n0\r\n\r\n", 400),
                Case.of("pass-through: chunk extension", chunkedChat + "\r\n5;a=b\r\nhello\r\n0\r\n\r\n", 400),
                Case.of("pass-through: chunk size over 2 GiB", chunkedChat + "\r\nffffffff\r\nhello\r\n0\r\n\r\n", 400),
                Case.of("pass-through: trailer", chunkedChat + "Connection: close\r\n\r\n2\r\n{}\r\n0\r\nX-T: 1\r\n\r\n", 400),
                Case.of("pass-through: embeddings, chunk size zz", "POST /v1/embeddings HTTP/1.1\r\n" + HOST
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
                Case.of("pass-through: not JSON", CHAT + "Content-Length: 5\r\nConnection: close\r\n\r\n{{{{{", 400),
                Case.of("pass-through: nested 20 000 deep", CHAT + "Content-Length: 20000\r\nConnection: close\r\n\r\n"
                        + "[".repeat(20_000), 400),
                Case.of("pass-through over HTTP/1.0 (health paths only)", "POST /v1/chat/completions HTTP/1.0\r\n"
                        + "Content-Length: 2\r\n\r\n{}", 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestLines")
    void malformedRequestLines(Case fuzz) {
        FuzzChecks.check(healthy.app().port(), fuzz);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void hugeAndBrokenHeaders(Case fuzz) {
        FuzzChecks.check(healthy.app().port(), fuzz);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void hugeAndOddUrls(Case fuzz) {
        FuzzChecks.check(healthy.app().port(), fuzz);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodiesAndFraming")
    void bodiesAndBrokenFraming(Case fuzz) {
        FuzzChecks.check(healthy.app().port(), fuzz);
    }

    /** The fix for broken chunked bodies answers in the OpenAI error shape, like every pass-through error. */
    @Test
    void aBrokenChunkedBodyGetsAJsonErrorAndTheConnectionCloses() {
        RawHttp.ToEnd answer = FuzzChecks.exchange(healthy.app().port(), CHAT + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
        assertEquals(RawHttp.End.CLOSED_BY_SERVER, answer.end(), answer.text());
        RawHttp.Response response = answer.response();
        assertEquals(400, response.status());
        assertEquals("invalid_request_error", RunningApp.parse(response.bodyText()).path("error").path("type").asText(),
                response.bodyText());
    }
}
