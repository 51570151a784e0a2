package dev.llmhealth.adapters.http.passthrough;

import dev.llmhealth.domain.model.ErrorKind;
import java.io.InputStream;

/** What came back from one upstream call. */
sealed interface UpstreamReply {

    /** A whole answer, read within the request timeout. */
    record Buffered(int status, String contentType, byte[] body) implements UpstreamReply {
    }

    /** An answer whose body is still arriving; whoever gets it closes the stream. */
    record Streaming(int status, String contentType, InputStream body) implements UpstreamReply {
    }

    /** No HTTP answer at all. {@code reason} is safe to show: it never carries the URL's credentials or the key. */
    record NoAnswer(ErrorKind kind, String reason) implements UpstreamReply {
    }
}
