package dev.llmhealth.adapters.http;

import dev.llmhealth.domain.model.HistoryAnswer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The health paths and what each one answers, for any HTTP server: Helidon's HTTP/1.1 routes
 * ({@link HealthRoutes}) and the HTTP/1.0 connection both dispatch here, so every protocol serves
 * the same answers. GET and HEAD get the endpoint's answer (HEAD without the body), OPTIONS 204,
 * any other method 405; those last two carry {@code Allow} (see {@link #carriesAllow}).
 */
public final class HealthEndpoints {

    /** The methods every health path accepts. */
    public static final String ALLOW = "GET, HEAD, OPTIONS";
    /** This service's own version travels in this header, beside the body's {@code litellm_version}. */
    public static final String VERSION_HEADER = "x-llm-health-version";
    public static final HttpAnswer NOT_FOUND = HealthResponses.error(404, "not_found", "Not found");
    static final HttpAnswer UNAUTHORIZED = HealthResponses.error(401, "auth_error",
            "Authentication required: send Authorization: Bearer <master key>");
    static final HttpAnswer METHOD_NOT_ALLOWED = HealthResponses.error(405, "method_not_allowed",
            "Method not allowed; allowed: " + ALLOW);
    static final HttpAnswer OPTIONS = new HttpAnswer(204, "", new byte[0]);

    /** A path this service answers. */
    public enum Endpoint {
        HEALTH("/health"),
        READINESS("/health/readiness"),
        LIVELINESS("/health/liveliness"),
        LIVENESS("/health/liveness"),
        MODELS("/health/models"),
        SERVICES("/health/services"),
        HISTORY("/health/history"),
        METRICS("/metrics");

        private static final Map<String, Endpoint> BY_PATH = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(Endpoint::path, Function.identity()));

        private final String path;

        Endpoint(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }

        /** The endpoint at exactly this path (no query), if any. */
        public static Optional<Endpoint> at(String path) {
            return Optional.ofNullable(BY_PATH.get(path));
        }
    }

    private final HealthResponses responses;
    private final MetricsEndpoint metrics;
    private final MasterKeyAccess access;
    private final boolean metricsNeedKey;
    private final String ownVersion;
    private final HistoryResponses history;

    /** Without a history: {@code /health/history} answers an empty list. */
    public HealthEndpoints(HealthResponses responses, MetricsEndpoint metrics, MasterKeyAccess access, boolean metricsNeedKey,
                           String ownVersion) {
        this(responses, metrics, access, metricsNeedKey, ownVersion,
                new HistoryResponses(query -> new HistoryAnswer.Found(List.of())));
    }

    /**
     * @param metricsNeedKey {@code /metrics} asks for the master key too (open by default, for scrapers)
     * @param ownVersion     this service's version, sent as {@value #VERSION_HEADER}
     */
    public HealthEndpoints(HealthResponses responses, MetricsEndpoint metrics, MasterKeyAccess access, boolean metricsNeedKey,
                           String ownVersion, HistoryResponses history) {
        this.history = history;
        this.responses = responses;
        this.metrics = metrics;
        this.access = access;
        this.metricsNeedKey = metricsNeedKey;
        this.ownVersion = ownVersion;
    }

    /**
     * The answer to {@code method} on {@code endpoint}. For HEAD the caller sends the headers of this
     * answer (with its {@code Content-Length}) and no body.
     */
    public <R> HttpAnswer answer(Endpoint endpoint, String method, R request, RequestAccess<R> reader) {
        return switch (method) {
            case "GET", "HEAD" -> get(endpoint, request, reader);
            case "OPTIONS" -> OPTIONS;
            default -> METHOD_NOT_ALLOWED;
        };
    }

    /** Whether this answer must carry {@code Allow: }{@value #ALLOW}: the OPTIONS answer and every 405. */
    public static boolean carriesAllow(HttpAnswer answer) {
        return answer.status() == 204 || answer.status() == 405;
    }

    public String ownVersion() {
        return ownVersion;
    }

    private <R> HttpAnswer get(Endpoint endpoint, R request, RequestAccess<R> reader) {
        return switch (endpoint) {
            case HEALTH -> health(request, reader);
            case READINESS -> responses.readiness();
            case LIVELINESS, LIVENESS -> responses.liveliness();
            case MODELS -> allowed(request, reader) ? responses.models(query(request, reader, "model")) : UNAUTHORIZED;
            case SERVICES -> allowed(request, reader) ? responses.services(query(request, reader, "service")) : UNAUTHORIZED;
            case HISTORY -> allowed(request, reader) ? history.history(query(request, reader, "model"),
                    query(request, reader, "since"), query(request, reader, "limit")) : UNAUTHORIZED;
            case METRICS -> !metricsNeedKey || allowed(request, reader) ? metrics.scrape(reader.accept(request)) : UNAUTHORIZED;
        };
    }

    /** A fresh check of one model ({@code ?model=}) can cost a paid probe: it needs the key when one is set. */
    private <R> HttpAnswer health(R request, RequestAccess<R> reader) {
        boolean allowed = allowed(request, reader);
        Optional<String> model = query(request, reader, "model");
        if (model.isPresent()) {
            return allowed ? responses.modelGroupHealth(model.get()) : UNAUTHORIZED;
        }
        return allowed ? responses.health() : responses.healthStatusOnly();
    }

    private <R> boolean allowed(R request, RequestAccess<R> reader) {
        return access.isOpen() || access.allows(reader.authorization(request));
    }

    private static <R> Optional<String> query(R request, RequestAccess<R> reader, String name) {
        return reader.query(request, name).filter(value -> !value.isBlank());
    }
}
