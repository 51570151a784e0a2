package dev.llmhealth.adapters.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the HTTP/1.1 requests being handled right now (a streamed answer counts until its last
 * byte), so a graceful shutdown can wait for them before it stops the server. Register it first.
 * HTTP/1.0 health requests are answered from the snapshot, outside Helidon's routing, and are not
 * counted.
 */
public final class InFlightRequests implements Filter {

    private final AtomicInteger inFlight = new AtomicInteger();

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        inFlight.incrementAndGet();
        try {
            chain.proceed();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    public int count() {
        return inFlight.get();
    }
}
