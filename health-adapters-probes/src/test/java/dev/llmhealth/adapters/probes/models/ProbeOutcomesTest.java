package dev.llmhealth.adapters.probes.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.policy.SecretRedactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * Failures a real server cannot produce reliably. A TLS failure in particular: JDK 25's HttpClient
 * sometimes loses the handshake error of the first HTTPS call in a JVM (the call then times out).
 */
class ProbeOutcomesTest {

    private static final String KEY = "sk-canary-123456";
    private final MessageCleaner cleaner = new MessageCleaner(SecretRedactor.shapesOnly(), KEY);

    @Test
    void a_handshake_failure_is_tls_with_its_redacted_reason() {
        var failure = new IOException(new SSLHandshakeException("PKIX path building failed for key " + KEY));

        assertEquals(ProbeResult.unhealthy(ErrorKind.TLS, "TLS failed: PKIX path building failed for key ***"), outcome(failure));
    }

    @Test
    void a_connect_timeout_is_a_timeout() {
        assertEquals(ErrorKind.TIMEOUT, kind(new HttpConnectTimeoutException("HTTP connect timed out")));
    }

    @Test
    void no_route_is_reported_as_such() {
        assertEquals(ProbeResult.unhealthy(ErrorKind.CONNECTION_REFUSED, "no route to host"),
                outcome(new ConnectException("x").initCause(new NoRouteToHostException())));
    }

    @Test
    void a_connection_closed_mid_answer_is_an_http_error() {
        assertEquals(ErrorKind.HTTP_ERROR, kind(new IOException("HTTP/1.1 header parser received no bytes")));
    }

    @Test
    void anything_else_is_unknown_by_its_type_only() {
        assertEquals(ProbeResult.unhealthy(ErrorKind.UNKNOWN, "probe failed (IllegalStateException)"),
                outcome(new IllegalStateException("message with " + KEY)));
    }

    private ProbeResult outcome(Throwable failure) {
        return ProbeOutcomes.fromFailure(failure, Duration.ofSeconds(1), "api.example.com", cleaner);
    }

    private ErrorKind kind(Throwable failure) {
        return ((ProbeResult.Unhealthy) outcome(failure)).kind();
    }
}
