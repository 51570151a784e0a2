package dev.llmhealth.adapters.http.ui;

import dev.llmhealth.adapters.http.HealthEndpoints;
import dev.llmhealth.adapters.http.HealthResponses;
import dev.llmhealth.adapters.http.HealthRoutes;
import dev.llmhealth.adapters.http.HttpAnswer;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The status page's paths as a Helidon {@link HttpService}, beside {@link HealthRoutes}:
 * {@value #UI}, {@value #STATE}, {@value #UPTIME} and the Server-Sent Events of {@value #EVENTS}; the
 * standalone app also sends {@code /} to the page. GET and HEAD answer, OPTIONS is a 204 with
 * {@code Allow}, other methods 405, as on every health path.
 */
public final class StatusPageRoutes implements HttpService {

    public static final String UI = "/health/ui";
    public static final String STATE = "/health/ui/state";
    public static final String UPTIME = "/health/uptime";
    public static final String EVENTS = "/health/events";
    /** Every path these routes serve (the root redirect aside). */
    public static final List<String> PATHS = List.of(UI, STATE, UPTIME, EVENTS);

    /** Comments keep proxies and browsers from closing an idle stream. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** A stream ends after this and the page reconnects: no connection lives for ever, and a reload's new core is picked up. */
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);
    private static final byte[] KEEP_ALIVE_COMMENT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    /** The page reconnects this soon after a stream ends. */
    private static final byte[] RETRY = "retry: 2000\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final HttpAnswer METHOD_NOT_ALLOWED = HealthResponses.error(405, "method_not_allowed",
            "Method not allowed; allowed: " + HealthEndpoints.ALLOW);
    private static final HttpAnswer OPTIONS = new HttpAnswer(204, "", new byte[0]);
    /** The page loads nothing from elsewhere: inline script and style only, requests to this origin only. */
    private static final Header CONTENT_SECURITY_POLICY = HeaderValues.create(HeaderNames.create("Content-Security-Policy"),
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; "
                    + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'");
    private static final Header NO_STORE = HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-store");

    private final Supplier<StatusPage> page;
    private final Header versionHeader;
    private final boolean redirectRoot;

    /**
     * @param page         answers each request with whatever it supplies then (a config reload swaps it)
     * @param redirectRoot also answer {@code /} with a redirect to the page (only where nothing else lives there)
     */
    public StatusPageRoutes(Supplier<StatusPage> page, String ownVersion, boolean redirectRoot) {
        this.page = page;
        this.versionHeader = HeaderValues.create(HeaderNames.create(HealthEndpoints.VERSION_HEADER), ownVersion);
        this.redirectRoot = redirectRoot;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(UI, answering((request, current) -> current.page()));
        rules.any(STATE, answering((request, current) -> current.state(authorization(request))));
        rules.any(UPTIME, answering((request, current) -> current.uptime(authorization(request),
                query(request, "window"), query(request, "model"))));
        rules.any(EVENTS, this::events);
        if (redirectRoot) {
            rules.get("/", (request, response) -> {
                // the page's place under whatever prefix the routes are mounted at
                String here = request.path().absolute().path();
                response.status(Status.FOUND_302);
                response.header(HeaderNames.LOCATION, (here.endsWith("/") ? here.substring(0, here.length() - 1) : here) + UI);
                response.send();
            });
        }
    }

    private interface Answer {
        HttpAnswer of(ServerRequest request, StatusPage page);
    }

    private Handler answering(Answer answer) {
        return (request, response) -> {
            response.header(versionHeader);
            response.header(NO_STORE);
            HttpAnswer reply = switch (request.prologue().method().text()) {
                case "GET", "HEAD" -> answer.of(request, page.get());
                case "OPTIONS" -> OPTIONS;
                default -> METHOD_NOT_ALLOWED;
            };
            if (reply.contentType().equals(StatusPage.HTML)) {
                response.header(CONTENT_SECURITY_POLICY);
            }
            HealthRoutes.write(request, response, reply);
        };
    }

    private void events(ServerRequest request, ServerResponse response) {
        response.header(versionHeader);
        String method = request.prologue().method().text();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            HealthRoutes.write(request, response, method.equals("OPTIONS") ? OPTIONS : METHOD_NOT_ALLOWED);
            return;
        }
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        // nginx buffers answers by default; a stream must pass at once
        response.header(HeaderNames.create("X-Accel-Buffering"), "no");
        if (method.equals("HEAD")) {
            response.send();
            return;
        }
        long endsAt = System.nanoTime() + STREAM_LIFETIME.toNanos();
        try (LiveEvents.Subscription events = page.get().subscribe(authorization(request));
             OutputStream out = response.outputStream()) {
            out.write(RETRY);
            out.flush();
            while (System.nanoTime() < endsAt) {
                Optional<LiveEvent> event = events.next(KEEP_ALIVE);
                if (event.isPresent()) {
                    out.write(event.get().framed());
                } else if (events.ended()) {
                    break;
                } else {
                    out.write(KEEP_ALIVE_COMMENT);
                }
                out.flush();
            }
        } catch (IOException | UncheckedIOException gone) {
            // the browser left: nothing to answer any more
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<String> authorization(ServerRequest request) {
        return request.headers().first(HeaderNames.AUTHORIZATION);
    }

    private static Optional<String> query(ServerRequest request, String name) {
        return request.query().first(name).asOptional().filter(value -> !value.isBlank());
    }
}
