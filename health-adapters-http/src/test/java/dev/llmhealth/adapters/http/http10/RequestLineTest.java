package dev.llmhealth.adapters.http.http10;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestLineTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET /health HTTP/1.0|GET|/health",
            "HEAD /health/readiness HTTP/1.0|HEAD|/health/readiness",
            "GET /health/models?model=gpt-4 HTTP/1.0|GET|/health/models?model=gpt-4",
            "OPTIONS * HTTP/1.0|OPTIONS|*",
            "GET http://lb.example:8080/health?x=1 HTTP/1.0|GET|/health?x=1",
            "GET HTTPS://lb.example HTTP/1.0|GET|/",
            "GET http://lb.example?x=1 HTTP/1.0|GET|/?x=1",
            "M-SEARCH / HTTP/1.0|M-SEARCH|/"})
    void parsesValidLines(String line, String method, String target) throws MalformedRequestException {
        RequestLine parsed = RequestLine.parse(line.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(method, parsed.method());
        assertEquals(target, parsed.target());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GET /health",
            "GET  /health HTTP/1.0",
            "GET /health  HTTP/1.0",
            " GET /health HTTP/1.0",
            "GET /health HTTP/1.0 ",
            "GET /health HTTP/1.1",
            "GET /health HTTP/1.0x",
            "G(T /health HTTP/1.0",
            "GET /hea\tlth HTTP/1.0",
            "GET /h\u00e9alth HTTP/1.0",
            "GET health HTTP/1.0",
            "GET http:///health HTTP/1.0",
            "GET ftp://host/health HTTP/1.0",
            ""})
    void refusesMalformedLines(String line) {
        assertThrows(MalformedRequestException.class, () -> RequestLine.parse(line.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
