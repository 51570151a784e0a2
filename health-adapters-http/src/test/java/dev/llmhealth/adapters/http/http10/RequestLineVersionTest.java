package dev.llmhealth.adapters.http.http10;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.common.buffers.BufferData;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestLineVersionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET /health HTTP/1.0\\r\\n|HTTP_1_0",
            "GET /health HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n|HTTP_1_0",
            "HEAD / HTTP/1.0\\r\\n|HTTP_1_0",
            "GET /health HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n|HTTP_1_1",
            "PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n|HTTP_2_PREFACE",
            "GET /health HTTP/1.0|INCOMPLETE",
            "G|INCOMPLETE",
            "GET /health HTTP/1.0\\r|INCOMPLETE",
            "GET /health HTTP/1.0\\n\\n|OTHER",
            "GET /health HTTP/1.1\\n|OTHER",
            "GET /health HTTP/2.0\\r\\n|OTHER",
            "GET /PRI * HTTP/2.0\\r\\n|OTHER",
            "GARBAGE\\r\\n|OTHER",
            "\\r\\n|OTHER",
            "HTTP/1.0\\r\\n|OTHER",
            "'\u0000GET /health HTTP/1.1\\r\\n'|BAD_METHOD",
            "G(T /health HTTP/1.1\\r\\n|BAD_METHOD",
            "G\u0001T /health HTTP/1.0\\r\\n|BAD_METHOD",
            "' /health HTTP/1.1\\r\\n'|BAD_METHOD",
            "M-SEARCH * HTTP/1.1\\r\\n|HTTP_1_1",
            "\u0016\u0003\u0001\\r\\n|OTHER",
            "GET\t/health\tHTTP/1.1\\r\\n|OTHER"})
    void classifiesTheFirstLine(String received, RequestLineVersion expected) {
        assertEquals(expected, RequestLineVersion.of(bytes(received)));
    }

    @Test
    void readsBufferSpreadOverSeveralChunksAndLeavesThePositionAlone() {
        BufferData received = BufferData.create(bytes("GET /health HT"), bytes("TP/1.0\r"), bytes("\nHost: x\r\n"));
        assertEquals(RequestLineVersion.HTTP_1_0, RequestLineVersion.of(received));
        assertEquals(RequestLineVersion.HTTP_1_0, RequestLineVersion.of(received), "nothing consumed");
    }

    @Test
    void looksFromTheCurrentPosition() {
        BufferData received = bytes("xxGET / HTTP/1.1\r\n");
        received.skip(2);
        assertEquals(RequestLineVersion.HTTP_1_1, RequestLineVersion.of(received));
    }

    private static BufferData bytes(String escaped) {
        String text = escaped.replace("\\r", "\r").replace("\\n", "\n");
        return BufferData.create(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
