package dev.llmhealth.adapters.http;

import dev.llmhealth.adapters.http.HealthEndpoints.Endpoint;
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
import java.util.function.Supplier;

/**
 * The health endpoints as a Helidon {@link HttpService}: the standalone app mounts it at the root,
 * an embedding host under any path. Each path is a thin handler over {@link HealthEndpoints}, which
 * decides the answer (GET, HEAD, OPTIONS 204 with {@code Allow}, 405 otherwise); this class only
 * writes it.
 */
public final class HealthRoutes implements HttpService {

    private static final Header ALLOW_HEADER = HeaderValues.create(HeaderNames.ALLOW, HealthEndpoints.ALLOW);

    /** Reads Helidon's request in place: one shared instance, nothing allocated per request. */
    private static final RequestAccess<ServerRequest> HELIDON_REQUEST = new RequestAccess<>() {
        @Override
        public Optional<String> authorization(ServerRequest request) {
            return request.headers().first(HeaderNames.AUTHORIZATION);
        }

        @Override
        public String accept(ServerRequest request) {
            return request.headers().first(HeaderNames.ACCEPT).orElse("");
        }

        @Override
        public Optional<String> query(ServerRequest request, String name) {
            return request.query().first(name).asOptional();
        }
    };

    private final Supplier<HealthEndpoints> endpoints;
    private final Header versionHeader;

    public HealthRoutes(HealthEndpoints endpoints) {
        this(() -> endpoints, endpoints.ownVersion());
    }

    /**
     * Each request is answered by whatever {@code endpoints} supplies then, so a host can swap the
     * whole health subsystem (a config reload) under a running server.
     */
    public HealthRoutes(Supplier<HealthEndpoints> endpoints, String ownVersion) {
        this.endpoints = endpoints;
        this.versionHeader = HeaderValues.create(HeaderNames.create(HealthEndpoints.VERSION_HEADER), ownVersion);
    }

    /**
     * With {@code /health/history} answered from {@code history}.
     *
     * @param metricsNeedKey {@code /metrics} asks for the master key too (open by default, for scrapers)
     * @param ownVersion     this service's version, sent as {@code x-llm-health-version} beside {@code litellm_version}
     */
    public HealthRoutes(HealthResponses responses, MetricsEndpoint metrics, MasterKeyAccess access, boolean metricsNeedKey,
                        String ownVersion, HistoryResponses history) {
        this(new HealthEndpoints(responses, metrics, access, metricsNeedKey, ownVersion, history));
    }

    /** The dispatch these routes serve, for other connections (HTTP/1.0) that must answer the same. */
    public HealthEndpoints endpoints() {
        return endpoints.get();
    }

    @Override
    public void routing(HttpRules rules) {
        for (Endpoint endpoint : Endpoint.values()) {
            rules.any(endpoint.path(), (request, response) -> {
                response.header(versionHeader);
                write(request, response, endpoints.get().answer(endpoint, request.prologue().method().text(), request, HELIDON_REQUEST));
            });
        }
    }

    /** The JSON 404 for every path no route claims; register it last. */
    public static Handler notFound() {
        return (request, response) -> write(request, response, HealthEndpoints.NOT_FOUND);
    }

    /** Writes {@code answer} (HEAD: its headers only; 204 and 405: with {@code Allow}); other routes of this adapter use it too. */
    public static void write(ServerRequest request, ServerResponse response, HttpAnswer answer) {
        response.status(Status.create(answer.status()));
        if (HealthEndpoints.carriesAllow(answer)) {
            response.header(ALLOW_HEADER);
        }
        if (answer.status() == Status.NO_CONTENT_204.code()) {
            response.send();
            return;
        }
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
