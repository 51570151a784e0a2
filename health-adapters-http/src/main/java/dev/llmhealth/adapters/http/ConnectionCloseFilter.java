package dev.llmhealth.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Closes the socket after the answer when the request or the response says {@code Connection: close}.
 * Helidon writes the header but keeps reading the socket, so a checker that reads until the server
 * closes (Nagios/Icinga {@code check_http}) would hang. Throwing Helidon's public
 * {@link CloseConnectionException} once the response is sent makes it close, quietly. Register first.
 */
public final class ConnectionCloseFilter implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        chain.proceed();
        if (asksToClose(request.headers().first(HeaderNames.CONNECTION).orElse(""))
                || asksToClose(response.headers().first(HeaderNames.CONNECTION).orElse(""))) {
            throw new CloseConnectionException("Connection: close");
        }
    }

    private static boolean asksToClose(String connectionHeader) {
        return !connectionHeader.isEmpty() && connectionHeader.toLowerCase(java.util.Locale.ROOT).contains("close");
    }
}
