package dev.llmhealth.adapters.http.http10;

import dev.llmhealth.adapters.http.RequestAccess;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.0 request as read from the socket: its prologue (path and query decoded by Helidon's
 * own parser, so both protocols see the same path) and headers.
 */
record Http10Request(HttpPrologue prologue, WritableHeaders<?> headers) {

    /** How {@link dev.llmhealth.adapters.http.HealthEndpoints} reads this request. */
    static final RequestAccess<Http10Request> ACCESS = new RequestAccess<>() {
        @Override
        public Optional<String> authorization(Http10Request request) {
            return request.headers.first(HeaderNames.AUTHORIZATION);
        }

        @Override
        public String accept(Http10Request request) {
            return request.headers.first(HeaderNames.ACCEPT).orElse("");
        }

        @Override
        public Optional<String> query(Http10Request request, String name) {
            return request.prologue.query().first(name).asOptional();
        }
    };

    String method() {
        return prologue.method().text();
    }

    /** The decoded path, without the query. */
    String path() {
        return prologue.uriPath().path();
    }

    boolean isHead() {
        return "HEAD".equals(method());
    }

    /**
     * HTTP/1.0 closes after each answer unless the client asks for {@code Connection: keep-alive}
     * (HAProxy and {@code ab -k} do); {@code close} anywhere in the header wins.
     */
    boolean asksForKeepAlive() {
        boolean keepAlive = false;
        for (String value : headers.all(HeaderNames.CONNECTION, List::of)) {
            for (String token : value.split(",")) {
                String option = token.trim().toLowerCase(Locale.ROOT);
                if (option.equals("close")) {
                    return false;
                }
                keepAlive |= option.equals("keep-alive");
            }
        }
        return keepAlive;
    }
}
