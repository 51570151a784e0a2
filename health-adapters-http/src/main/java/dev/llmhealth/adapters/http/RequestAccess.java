package dev.llmhealth.adapters.http;

import java.util.Optional;

/**
 * How {@link HealthEndpoints} reads the few request facts it needs from a server framework's own
 * request object. A stateless strategy passed beside the request, so no wrapper is allocated per request.
 *
 * @param <R> the framework's request type
 */
public interface RequestAccess<R> {

    /** The raw {@code Authorization} header, if sent. */
    Optional<String> authorization(R request);

    /** The raw {@code Accept} header, or {@code ""} when absent. */
    String accept(R request);

    /** The first decoded value of query parameter {@code name}, if present. */
    Optional<String> query(R request, String name);
}
