package dev.llmhealth.adapters.http.passthrough;

import java.io.OutputStream;
import java.util.Map;

/** The answer to the client, as the forwarding logic writes it; the HTTP server binding implements it. */
interface ClientResponse {

    void send(int status, String contentType, Map<String, String> headers, byte[] body);

    /** Starts a streamed answer; each {@code flush()} sends what was written so far. */
    OutputStream stream(int status, String contentType, Map<String, String> headers);
}
