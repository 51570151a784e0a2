package dev.llmhealth.adapters.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.util.function.Supplier;

/**
 * Helidon's answers to what never reaches a route (a malformed request line or header, an overlong
 * URI, a request head cut short, an unsupported encoding) and to what a route let escape, in the
 * service's JSON error shape {@code {"error": {message, type, param, code}}} instead of Helidon's
 * text/plain. A client's fault is a 4xx that closes the connection, counted in {@link ClientErrors}
 * and never logged above DEBUG; only the server's own failures stay 5xx (Helidon logs those).
 * Install it on the listener: {@code WebServer.builder().directHandlers(JsonDirectHandler.directHandlers(...))}.
 */
public final class JsonDirectHandler implements DirectHandler {

    private final Supplier<ClientErrors> clientErrors;

    private JsonDirectHandler(Supplier<ClientErrors> clientErrors) {
        this.clientErrors = clientErrors;
    }

    /** @param clientErrors where client errors are counted (a supplier: the app swaps it on a config reload) */
    public static DirectHandlers directHandlers(Supplier<ClientErrors> clientErrors) {
        JsonDirectHandler handler = new JsonDirectHandler(clientErrors);
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    /** Helidon's default would log the exception at DEBUG with its stack trace; the client's error is counted instead. */
    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, Throwable thrown, System.Logger logger) {
        return handle(request, eventType, defaultStatus, responseHeaders, (String) null);
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, Throwable thrown) {
        return handle(request, eventType, defaultStatus, responseHeaders, (String) null);
    }

    /** Helidon's message is not passed on: it can echo the client's bytes; each answer says what it is in fixed words. */
    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, String message) {
        int status = defaultStatus.code();
        if (eventType == EventType.INTERNAL_ERROR && request == TransportRequest.empty()) {
            // Helidon 4.5 reports a request head the client cut short (EOF in the headers) as an internal error with no
            // request attached; every error raised during routing carries its request, so this one is the client's
            return client(request, responseHeaders, 400, ClientError.INCOMPLETE_REQUEST,
                    "Incomplete request: the connection ended before the request head did");
        }
        return switch (eventType) {
            case BAD_REQUEST, PAYLOAD_TOO_LARGE, HTTP_VERSION_NOT_SUPPORTED -> clientFault(request, responseHeaders, eventType, status);
            case INTERNAL_ERROR -> answer(request, responseHeaders, 500, "internal_error", "Internal server error", true);
            case FORBIDDEN, OTHER -> answer(request, responseHeaders, status, status >= 500 ? "service_unavailable" : "invalid_request_error",
                    defaultStatus.reasonPhrase(), true);
        };
    }

    private TransportResponse clientFault(TransportRequest request, ServerResponseHeaders headers, EventType eventType, int status) {
        if (eventType == EventType.HTTP_VERSION_NOT_SUPPORTED || status == 505) {
            // a 5xx tells monitors the server is broken; a version the client should not have sent is the client's error
            return client(request, headers, 400, ClientError.UNSUPPORTED_VERSION, "Unsupported HTTP version: use HTTP/1.1 or HTTP/1.0");
        }
        return switch (status) {
            case 413 -> client(request, headers, 413, ClientError.BODY_TOO_LARGE, "Request body too large");
            case 414 -> client(request, headers, 414, ClientError.URI_TOO_LONG, "Request URI too long");
            case 431 -> client(request, headers, 431, ClientError.HEADERS_TOO_LARGE, "Request header fields too large");
            // Helidon answers 501 to a transfer coding it does not implement (gzip, chunked): the client's request is refused
            default -> client(request, headers, status >= 500 ? 400 : status, ClientError.MALFORMED_REQUEST,
                    status == 501 ? "Unsupported Transfer-Encoding: only chunked is accepted" : "Malformed request");
        };
    }

    private TransportResponse client(TransportRequest request, ServerResponseHeaders headers, int status, ClientError reason,
                                     String message) {
        clientErrors.get().record(reason, message);
        return answer(request, headers, status, "invalid_request_error", message, false);
    }

    /** An answer to HEAD has no body (Helidon would write one): the client would read it as the start of the next answer. */
    private static TransportResponse answer(TransportRequest request, ServerResponseHeaders headers, int status, String type,
                                            String message, boolean keepAlive) {
        HttpAnswer answer = HealthResponses.error(status, type, message);
        headers.set(HeaderValues.CONTENT_TYPE_JSON);
        if (!keepAlive) {
            headers.set(HeaderValues.CONNECTION_CLOSE);
        }
        headers.remove(HeaderNames.CONTENT_LENGTH);
        TransportResponse.Builder response = TransportResponse.builder()
                .status(Status.create(status))
                .headers(headers)
                .keepAlive(keepAlive);
        if (!"HEAD".equals(request.method())) {
            response.entity(answer.body());
        }
        return response.build();
    }
}
