package dev.llmhealth.adapters.http.passthrough;

import dev.llmhealth.domain.model.ErrorKind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/** What an upstream's answer, or its failure to give one, means, and whether another deployment should be tried. */
final class UpstreamFailures {

    private UpstreamFailures() {
    }

    static ErrorKind kindOf(int status) {
        return ErrorKind.ofHttpStatus(status);
    }

    /**
     * Another deployment may answer where this one did not: it is down, busy, or misconfigured (wrong
     * key, unknown model). A plain client error (400, 413, 422) would fail the same way anywhere.
     */
    static boolean worthFailingOver(int status) {
        return kindOf(status) != ErrorKind.HTTP_ERROR;
    }

    static ErrorKind kindOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return ErrorKind.TIMEOUT;
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return ErrorKind.DNS;
            }
            if (t instanceof SSLException) {
                return ErrorKind.TLS;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return ErrorKind.CONNECTION_REFUSED;
            }
        }
        return ErrorKind.UNKNOWN;
    }
}
