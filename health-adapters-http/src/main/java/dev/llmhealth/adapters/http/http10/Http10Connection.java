package dev.llmhealth.adapters.http.http10;

import dev.llmhealth.adapters.http.HealthEndpoints;
import dev.llmhealth.adapters.http.HealthEndpoints.Endpoint;
import dev.llmhealth.adapters.http.HealthResponses;
import dev.llmhealth.adapters.http.HttpAnswer;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.uri.UriValidator;
import io.helidon.common.concurrency.limits.LimitAlgorithm;
import io.helidon.http.HeaderNames;
import io.helidon.http.Http1HeadersParser;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.spi.ServerConnection;
import java.util.function.Supplier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Serves HTTP/1.0 requests for the health endpoints on one socket, with the answers of the HTTP/1.1
 * routes ({@link HealthEndpoints}). It closes after each answer unless the client asked for
 * {@code Connection: keep-alive}. When the next request line is not HTTP/1.0 (it arrived too slowly
 * for the selector to see, or it is malformed) the socket continues as the listener's own HTTP/1.1
 * connection, which serves HTTP/1.1 and answers malformed lines with 400.
 */
final class Http10Connection implements ServerConnection {

    private static final System.Logger LOGGER = System.getLogger(Http10Connection.class.getName());
    /** A request body up to this size is read and dropped so the connection stays in step; health requests have none. */
    private static final int MAX_IGNORED_BODY = 64 * 1024;
    private static final HttpAnswer BAD_REQUEST = HealthResponses.error(400, "bad_request", "Malformed HTTP/1.0 request");
    private static final HttpAnswer BAD_METHOD = HealthResponses.error(400, "bad_request", "Malformed request line: invalid method");
    private static final HttpAnswer TOO_LARGE = HealthResponses.error(413, "payload_too_large", "Request body too large");
    private static final HttpAnswer OVERLOADED = HealthResponses.error(503, "service_unavailable", "Too many concurrent requests");
    private static final HttpAnswer FAILED = HealthResponses.error(500, "internal_error", "Internal error");

    private final ConnectionContext ctx;
    private final Supplier<HealthEndpoints> endpoints;
    private final ListenerHttp1.Settings http1;
    private final Http1Config http1Config;
    private final DataReader reader;

    private volatile Thread readingThread;
    private volatile boolean open = true;
    private volatile boolean waitingForRequest;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile ServerConnection handedOverTo;

    Http10Connection(ConnectionContext ctx, Supplier<HealthEndpoints> endpoints, ListenerHttp1.Settings http1) {
        this.ctx = ctx;
        this.endpoints = endpoints;
        this.http1 = http1;
        this.http1Config = http1.config();
        this.reader = ctx.dataReader();
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        readingThread = Thread.currentThread();
        while (open) {
            waitingForRequest = true;
            RequestLineVersion version = awaitRequestLine();
            waitingForRequest = false;
            lastActivityNanos = System.nanoTime();
            if (version == RequestLineVersion.BAD_METHOD) {
                refuseBadMethod();
                return;
            }
            if (version != RequestLineVersion.HTTP_1_0) {
                continueAsHttp11(limit);
                return;
            }
            if (!serveOne(limit)) {
                return;
            }
        }
    }

    @Override
    public Duration idleTime() {
        ServerConnection next = handedOverTo;
        return next != null ? next.idleTime() : Duration.ofNanos(System.nanoTime() - lastActivityNanos);
    }

    /**
     * Stops after the current request. Interrupting the reading thread is what unblocks a socket read,
     * so it is done when asked to, or when no request is in progress (an idle keep-alive connection).
     */
    @Override
    public void close(boolean interrupt) {
        open = false;
        ServerConnection next = handedOverTo;
        if (next != null) {
            next.close(interrupt);
            return;
        }
        Thread thread = readingThread;
        if (thread != null && (interrupt || waitingForRequest)) {
            thread.interrupt();
        }
    }

    /** Blocks until the next request line is complete, without consuming it (HTTP/1.1 may need to read it). */
    private RequestLineVersion awaitRequestLine() {
        try {
            while (true) {
                reader.ensureAvailable();
                BufferData received = reader.getBuffer(reader.available());
                RequestLineVersion version = RequestLineVersion.of(received);
                if (version != RequestLineVersion.INCOMPLETE) {
                    return version;
                }
                if (received.available() > http1Config.maxPrologueLength()) {
                    return RequestLineVersion.OTHER; // HTTP/1.1 answers 414
                }
                reader.pullData();
            }
        } catch (DataReader.InsufficientDataAvailableException closedByClient) {
            throw new CloseConnectionException("client closed the connection", closedByClient);
        }
    }

    /** Drops what has arrived (closing with unread input would reset the socket before the answer is read), answers 400, closes. */
    private void refuseBadMethod() {
        LOGGER.log(System.Logger.Level.DEBUG, "request line with an invalid method refused");
        reader.skip(reader.available());
        write(BAD_METHOD, null, true, false);
    }

    private void continueAsHttp11(Limit limit) throws InterruptedException {
        ServerConnection next = http1.selector().connection(ctx);
        handedOverTo = next;
        if (!open) {
            next.close(false); // asked to close while switching: the HTTP/1.1 connection stops before reading
        }
        next.handle(limit);
    }

    /** @return whether the connection stays open for another request */
    private boolean serveOne(Limit limit) {
        Http10Request request;
        boolean bodySkipped;
        try {
            request = readRequest();
            bodySkipped = skipBody(request);
        } catch (MalformedRequestException malformed) {
            LOGGER.log(System.Logger.Level.DEBUG, "HTTP/1.0 bad request: " + malformed.getMessage());
            write(BAD_REQUEST, null, true, false);
            return false;
        } catch (DataReader.InsufficientDataAvailableException closedByClient) {
            throw new CloseConnectionException("client closed the connection mid-request", closedByClient);
        }
        if (!bodySkipped) {
            write(TOO_LARGE, null, true, false);
            return false;
        }
        Optional<LimitAlgorithm.Token> permit = limit.tryAcquire(true);
        if (permit.isEmpty()) {
            write(OVERLOADED, null, true, false);
            return false;
        }
        try {
            boolean keptAlive = respond(request, open && request.asksForKeepAlive());
            permit.get().success();
            lastActivityNanos = System.nanoTime();
            return keptAlive;
        } catch (RuntimeException failed) {
            permit.get().dropped();
            throw failed;
        }
    }

    /** @return whether the answer said {@code keep-alive} */
    private boolean respond(Http10Request request, boolean keepAlive) {
        Optional<Endpoint> endpoint = Endpoint.at(request.path());
        if (endpoint.isEmpty()) {
            write(HealthEndpoints.NOT_FOUND, null, !request.isHead(), keepAlive);
            return keepAlive;
        }
        HttpAnswer answer;
        try {
            answer = endpoints.get().answer(endpoint.get(), request.method(), request, Http10Request.ACCESS);
        } catch (RuntimeException failed) {
            // as Helidon does for a failing route: logged, a 500 without details, and the connection closes
            LOGGER.log(System.Logger.Level.WARNING, "Failed to answer " + request.method() + " " + request.path(), failed);
            write(FAILED, null, !request.isHead(), false);
            return false;
        }
        write(answer, endpoints.get().ownVersion(), !request.isHead(), keepAlive);
        return keepAlive;
    }

    private Http10Request readRequest() throws MalformedRequestException {
        int maxLength = http1Config.maxPrologueLength();
        try {
            int lineEnd = reader.findNewLine(maxLength);
            if (lineEnd == maxLength) {
                throw new MalformedRequestException("request line longer than " + maxLength + " bytes");
            }
            RequestLine line = RequestLine.parse(reader.readBytes(lineEnd));
            reader.skip(2);
            HttpPrologue prologue = HttpPrologue.create("HTTP/1.0", "HTTP", "1.0", Method.create(line.method()),
                    line.target(), http1Config.validatePath());
            // as Helidon's HTTP/1.1 does (400): ?model=%zz must not reach the endpoints undecoded over HTTP/1.0 only
            UriValidator.validateQuery(prologue.query().rawValue());
            if (prologue.fragment().hasValue()) {
                UriValidator.validateFragment(prologue.fragment().rawValue());
            }
            WritableHeaders<?> headers = Http1HeadersParser.readHeaders(reader, http1Config.maxHeadersSize(),
                    http1Config.validateRequestHeaders());
            return new Http10Request(prologue, headers);
        } catch (IllegalArgumentException | IllegalStateException | DataReader.IncorrectNewLineException invalid) {
            // Helidon's path and header parsers report bad input this way (its HTTP/1.1 answers 400 too)
            throw new MalformedRequestException(invalid.getMessage(), invalid);
        }
    }

    /**
     * Reads and drops a small request body so the next request starts where it should; HTTP/1.0 has no
     * chunked encoding, so {@code Transfer-Encoding} is a framing error.
     *
     * @return false when the body is too large to skip
     */
    private boolean skipBody(Http10Request request) throws MalformedRequestException {
        WritableHeaders<?> headers = request.headers();
        if (headers.contains(HeaderNames.TRANSFER_ENCODING)) {
            throw new MalformedRequestException("Transfer-Encoding in an HTTP/1.0 request");
        }
        Optional<String> contentLength = headers.first(HeaderNames.CONTENT_LENGTH);
        if (contentLength.isEmpty()) {
            return true;
        }
        if (headers.all(HeaderNames.CONTENT_LENGTH, List::of).size() > 1) {
            // two lengths: which one frames the next request is ambiguous (request smuggling); HTTP/1.1 answers 400 too
            throw new MalformedRequestException("more than one Content-Length");
        }
        long length;
        try {
            length = Long.parseLong(contentLength.get().trim());
        } catch (NumberFormatException notANumber) {
            throw new MalformedRequestException("invalid Content-Length");
        }
        if (length < 0) {
            throw new MalformedRequestException("invalid Content-Length");
        }
        if (length > MAX_IGNORED_BODY) {
            return false;
        }
        reader.skip((int) length);
        return true;
    }

    private void write(HttpAnswer answer, String ownVersion, boolean withBody, boolean keepAlive) {
        ctx.dataWriter().writeNow(Http10Response.bytes(answer, ownVersion, withBody, keepAlive));
    }
}
