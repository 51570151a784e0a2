package dev.llmhealth.adapters.http.http10;

import dev.llmhealth.adapters.http.HealthEndpoints;
import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Adds HTTP/1.0 to a Helidon listener for the health endpoints, so HAProxy's {@code option httpchk},
 * nginx's default {@code proxy_pass}, Nagios/Icinga {@code check_http} and {@code ab} get the same
 * answers as HTTP/1.1 clients (Helidon alone answers them 505 or not at all). Add it to the listener
 * that serves {@link dev.llmhealth.adapters.http.HealthRoutes}:
 * <pre>{@code
 * WebServer.builder()
 *         .addConnectionSelector(new Http10ConnectionSelector(routes.endpoints()))
 *         .routing(...)
 * }</pre>
 * A listener tries its custom selectors before the built-in ones. This one leaves every connection
 * whose first line is complete HTTP/1.1 (or an HTTP/2 preface) to them at once, so HTTP/1.1 costs one
 * scan of the first line per connection and nothing per request. It claims HTTP/1.0, malformed
 * lines, and lines with no line feed yet (Helidon would take those for HTTP/1.1 and answer a slow
 * HTTP/1.0 client 505); a claimed connection whose line turns out not to be HTTP/1.0 continues as
 * the listener's own HTTP/1.1 connection.
 * <p>
 * Over HTTP/1.0 only the health paths are served (others get the JSON 404). It takes no part in TLS
 * application-protocol negotiation: an ALPN {@code http/1.1} connection goes to Helidon directly.
 */
public final class Http10ConnectionSelector implements ServerConnectionSelector {

    private final Supplier<HealthEndpoints> endpoints;
    private final ListenerHttp1 listenerHttp1 = new ListenerHttp1();

    public Http10ConnectionSelector(HealthEndpoints endpoints) {
        this(() -> endpoints);
    }

    /** Each request is answered by whatever {@code endpoints} supplies then (the health subsystem may be swapped on reload). */
    public Http10ConnectionSelector(Supplier<HealthEndpoints> endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0; // decided from whatever has arrived, see supports
    }

    @Override
    public Support supports(BufferData firstBytes) {
        return switch (RequestLineVersion.of(firstBytes)) {
            case HTTP_1_1, HTTP_2_PREFACE -> Support.UNSUPPORTED;
            case HTTP_1_0, INCOMPLETE, BAD_METHOD, OTHER -> Support.SUPPORTED;
        };
    }

    /** Empty: a non-empty set would capture TLS connections that negotiated HTTP/1.1 by ALPN. */
    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return new Http10Connection(ctx, endpoints, listenerHttp1.of(ctx.listenerContext()));
    }
}
