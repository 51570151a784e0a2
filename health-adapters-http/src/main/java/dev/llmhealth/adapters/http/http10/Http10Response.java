package dev.llmhealth.adapters.http.http10;

import dev.llmhealth.adapters.http.HealthEndpoints;
import dev.llmhealth.adapters.http.HttpAnswer;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.DateTime;
import io.helidon.http.Status;
import java.nio.charset.StandardCharsets;

/**
 * Writes an {@link HttpAnswer} as an HTTP/1.0 response: the headers the HTTP/1.1 routes send, always
 * with {@code Content-Length} (1.0 clients otherwise read to the close), and {@code Connection} saying
 * whether the socket stays open.
 */
final class Http10Response {

    private Http10Response() {
    }

    /**
     * @param ownVersion the {@value HealthEndpoints#VERSION_HEADER} value, or {@code null} for answers
     *                   that are not a health endpoint's (404, 400), as over HTTP/1.1
     * @param withBody   false for HEAD: the same headers, no body
     */
    static BufferData bytes(HttpAnswer answer, String ownVersion, boolean withBody, boolean keepAlive) {
        boolean noContent = answer.status() == Status.NO_CONTENT_204.code();
        StringBuilder head = new StringBuilder(192)
                .append("HTTP/1.0 ").append(answer.status()).append(' ')
                .append(Status.create(answer.status()).reasonPhrase()).append("\r\n")
                .append("Date: ").append(DateTime.rfc1123String()).append("\r\n");
        if (!noContent) {
            head.append("Content-Type: ").append(answer.contentType()).append("\r\n")
                    .append("Content-Length: ").append(answer.body().length).append("\r\n");
        }
        if (ownVersion != null) {
            head.append(HealthEndpoints.VERSION_HEADER).append(": ").append(ownVersion).append("\r\n");
        }
        if (HealthEndpoints.carriesAllow(answer)) {
            head.append("Allow: ").append(HealthEndpoints.ALLOW).append("\r\n");
        }
        head.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");

        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] body = withBody && !noContent ? answer.body() : new byte[0];
        BufferData bytes = BufferData.create(headBytes.length + body.length);
        bytes.write(headBytes);
        bytes.write(body);
        return bytes;
    }
}
