package dev.llmhealth.adapters.http.http10;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.adapters.http.HealthResponses;
import dev.llmhealth.adapters.http.HttpAnswer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Http10ResponseTest {

    private static final HttpAnswer READY = HttpAnswer.json(200, "{\"status\":\"ready\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    void aGetAnswerHasStatusLengthTypeVersionAndClose() {
        String text = text(Http10Response.bytes(READY, "1.2.3", true, false));
        assertTrue(text.startsWith("HTTP/1.0 200 OK\r\nDate: "), text);
        assertTrue(text.contains("\r\nContent-Type: application/json\r\n"), text);
        assertTrue(text.contains("\r\nContent-Length: 18\r\n"), text);
        assertTrue(text.contains("\r\nx-llm-health-version: 1.2.3\r\n"), text);
        assertTrue(text.endsWith("\r\nConnection: close\r\n\r\n{\"status\":\"ready\"}"), text);
        assertFalse(text.contains("Allow:"), text);
    }

    @Test
    void aHeadAnswerKeepsTheLengthAndDropsTheBody() {
        String text = text(Http10Response.bytes(READY, "1.2.3", false, true));
        assertTrue(text.contains("\r\nContent-Length: 18\r\n"), text);
        assertTrue(text.endsWith("\r\nConnection: keep-alive\r\n\r\n"), text);
    }

    @Test
    void aNoContentAnswerHasAllowButNoBodyHeaders() {
        String text = text(Http10Response.bytes(new HttpAnswer(204, "", new byte[0]), "1.2.3", true, false));
        assertTrue(text.startsWith("HTTP/1.0 204 No Content\r\n"), text);
        assertTrue(text.contains("\r\nAllow: GET, HEAD, OPTIONS\r\n"), text);
        assertFalse(text.contains("Content-Length"), text);
        assertFalse(text.contains("Content-Type"), text);
    }

    @Test
    void a405CarriesAllowAndAnErrorWithoutVersionHeaderWhenNotAnEndpointsAnswer() {
        String refused = text(Http10Response.bytes(HealthResponses.error(405, "method_not_allowed", "no"), "1.2.3", true, false));
        assertTrue(refused.startsWith("HTTP/1.0 405 Method Not Allowed\r\n"), refused);
        assertTrue(refused.contains("\r\nAllow: GET, HEAD, OPTIONS\r\n"), refused);
        String notFound = text(Http10Response.bytes(HealthResponses.error(404, "not_found", "Not found"), null, true, false));
        assertFalse(notFound.contains("x-llm-health-version"), notFound);
    }

    private static String text(io.helidon.common.buffers.BufferData bytes) {
        return new String(bytes.readBytes(), StandardCharsets.ISO_8859_1);
    }
}
