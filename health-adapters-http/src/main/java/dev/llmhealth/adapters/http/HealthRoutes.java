package dev.llmhealth.adapters.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.function.Function;

/**
 * The health endpoints as a Helidon {@link HttpService}: the standalone app mounts it at the root,
 * an embedding host under any path. Handlers stay thin: read the query, ask {@link HealthResponses},
 * write the bytes. Every path answers GET and HEAD, OPTIONS with 204 and {@code Allow}, and 405 for
 * any other method.
 */
public final class HealthRoutes implements HttpService {

    static final String ALLOW = "GET, HEAD, OPTIONS";
    private static final HttpAnswer UNAUTHORIZED = HealthResponses.error(401, "auth_error",
            "Authentication required: send Authorization: Bearer <master key>");
    private static final HttpAnswer METHOD_NOT_ALLOWED = HealthResponses.error(405, "method_not_allowed",
            "Method not allowed; allowed: " + ALLOW);
    private static final HttpAnswer NOT_FOUND = HealthResponses.error(404, "not_found", "Not found");

    private final HealthResponses responses;
    private final MetricsEndpoint metrics;
    private final MasterKeyAccess access;
    private final boolean metricsNeedKey;
    private final Header versionHeader;

    /**
     * @param metricsNeedKey {@code /metrics} asks for the master key too (open by default, for scrapers)
     * @param ownVersion     this service's version, sent as {@code x-llm-health-version} beside {@code litellm_version}
     */
    public HealthRoutes(HealthResponses responses, MetricsEndpoint metrics, MasterKeyAccess access, boolean metricsNeedKey,
                        String ownVersion) {
        this.responses = responses;
        this.metrics = metrics;
        this.access = access;
        this.metricsNeedKey = metricsNeedKey;
        this.versionHeader = HeaderValues.create(HeaderNames.create("x-llm-health-version"), ownVersion);
    }

    @Override
    public void routing(HttpRules rules) {
        endpoint(rules, "/health", request -> allowed(request) ? responses.health() : responses.healthStatusOnly());
        endpoint(rules, "/health/readiness", request -> responses.readiness());
        endpoint(rules, "/health/liveliness", request -> responses.liveliness());
        endpoint(rules, "/health/liveness", request -> responses.liveliness());
        endpoint(rules, "/health/models", request -> allowed(request)
                ? responses.models(query(request, "model")) : UNAUTHORIZED);
        endpoint(rules, "/health/services", request -> allowed(request)
                ? responses.services(query(request, "service")) : UNAUTHORIZED);
        endpoint(rules, "/metrics", request -> !metricsNeedKey || allowed(request)
                ? metrics.scrape(request.headers().first(HeaderNames.ACCEPT).orElse("")) : UNAUTHORIZED);
    }

    /** The JSON 404 for every path no route claims; register it last. */
    public static Handler notFound() {
        return (request, response) -> write(request, response, NOT_FOUND);
    }

    private void endpoint(HttpRules rules, String path, Function<ServerRequest, HttpAnswer> get) {
        rules.any(path, (request, response) -> {
            response.header(versionHeader);
            Method method = request.prologue().method();
            if (method == Method.GET || method == Method.HEAD) {
                write(request, response, get.apply(request));
            } else if (method == Method.OPTIONS) {
                response.status(Status.NO_CONTENT_204).header(HeaderNames.ALLOW, ALLOW).send();
            } else {
                response.header(HeaderNames.ALLOW, ALLOW);
                write(request, response, METHOD_NOT_ALLOWED);
            }
        });
    }

    private boolean allowed(ServerRequest request) {
        return access.isOpen() || access.allows(request.headers().first(HeaderNames.AUTHORIZATION));
    }

    private static Optional<String> query(ServerRequest request, String name) {
        return request.query().first(name).asOptional().filter(value -> !value.isBlank());
    }

    static void write(ServerRequest request, ServerResponse response, HttpAnswer answer) {
        response.status(Status.create(answer.status()));
        response.header(answer.contentType().equals(HttpAnswer.JSON)
                ? HeaderValues.CONTENT_TYPE_JSON : HeaderValues.create(HeaderNames.CONTENT_TYPE, answer.contentType()));
        if (request.prologue().method() == Method.HEAD) {
            response.header(HeaderNames.CONTENT_LENGTH, String.valueOf(answer.body().length));
            response.send();
        } else {
            response.send(answer.body());
        }
    }
}
