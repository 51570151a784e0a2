package dev.llmhealth.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.adapters.http.HealthEndpoints.Endpoint;
import dev.llmhealth.domain.model.HealthStatus;
import dev.llmhealth.domain.model.ModelHealthReport;
import dev.llmhealth.domain.model.ProxyHealth;
import dev.llmhealth.domain.model.Readiness;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.model.ServicesReport;
import dev.llmhealth.domain.port.in.GetModelHealthQuery;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one dispatch both HTTP/1.1 routes and the HTTP/1.0 connection use: methods, paths, access. */
class HealthEndpointsTest {

    /** A request as plain maps, read through {@link RequestAccess} like a framework's request. */
    record FakeRequest(Map<String, String> headers, Map<String, String> query) {
        static final RequestAccess<FakeRequest> ACCESS = new RequestAccess<>() {
            @Override
            public Optional<String> authorization(FakeRequest request) {
                return Optional.ofNullable(request.headers.get("authorization"));
            }

            @Override
            public String accept(FakeRequest request) {
                return request.headers.getOrDefault("accept", "");
            }

            @Override
            public Optional<String> query(FakeRequest request, String name) {
                return Optional.ofNullable(request.query.get(name));
            }
        };
    }

    private static final FakeRequest PLAIN = new FakeRequest(Map.of(), Map.of());
    private static final ProxyHealth UNHEALTHY = new ProxyHealth(HealthStatus.UNHEALTHY, List.of("no healthy deployment"),
            ServiceHealth.NOT_CONFIGURED, ServiceHealth.NOT_CONFIGURED, List.of(), List.of(), Instant.parse("2025-01-01T00:00:00Z"));

    private static HealthEndpoints endpoints(MasterKeyAccess access) {
        GetModelHealthQuery models = new GetModelHealthQuery() {
            @Override
            public ModelHealthReport modelHealth() {
                return new ModelHealthReport(List.of(), List.of());
            }

            @Override
            public ModelHealthReport modelHealth(String modelName) {
                return new ModelHealthReport(List.of(), List.of());
            }
        };
        HealthResponses responses = new HealthResponses(() -> UNHEALTHY, () -> new Readiness(false, false, true), () -> true,
                models, () -> new ServicesReport(ServiceHealth.NOT_CONFIGURED, ServiceHealth.NOT_CONFIGURED, true, 0, Set.of()),
                "1.50.0");
        return new HealthEndpoints(responses, new MetricsEndpoint(new PrometheusRegistry()), access, false, "9.9.9");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void headAnswersExactlyWhatGetAnswers(Endpoint endpoint) {
        HealthEndpoints open = endpoints(MasterKeyAccess.open());
        HttpAnswer get = open.answer(endpoint, "GET", PLAIN, FakeRequest.ACCESS);
        HttpAnswer head = open.answer(endpoint, "HEAD", PLAIN, FakeRequest.ACCESS);
        assertEquals(get.status(), head.status());
        assertEquals(get.contentType(), head.contentType());
        assertEquals(get.bodyText(), head.bodyText(), "the caller drops the body but sends its length");
        assertFalse(HealthEndpoints.carriesAllow(get));
    }

    @Test
    void theAnswersAreTheEndpointsOwn() {
        HealthEndpoints open = endpoints(MasterKeyAccess.open());
        HttpAnswer health = open.answer(Endpoint.HEALTH, "GET", PLAIN, FakeRequest.ACCESS);
        assertEquals(503, health.status());
        assertTrue(health.bodyText().contains("\"litellm_version\":\"1.50.0\""), health.bodyText());
        assertEquals(503, open.answer(Endpoint.READINESS, "GET", PLAIN, FakeRequest.ACCESS).status());
        assertEquals("\"I'm alive!\"", open.answer(Endpoint.LIVENESS, "GET", PLAIN, FakeRequest.ACCESS).bodyText());
        assertEquals(400, open.answer(Endpoint.SERVICES, "GET", new FakeRequest(Map.of(), Map.of("service", "nope")),
                FakeRequest.ACCESS).status(), "the query reaches the endpoint");
        assertTrue(open.answer(Endpoint.METRICS, "GET", PLAIN, FakeRequest.ACCESS).contentType().startsWith("text/plain"));
        assertEquals("9.9.9", open.ownVersion());
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void optionsIs204WithAllowAndEveryOtherMethodIs405WithAllow(Endpoint endpoint) {
        HealthEndpoints open = endpoints(MasterKeyAccess.open());
        HttpAnswer options = open.answer(endpoint, "OPTIONS", PLAIN, FakeRequest.ACCESS);
        assertEquals(204, options.status());
        assertEquals(0, options.body().length);
        assertTrue(HealthEndpoints.carriesAllow(options));
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "TRACE", "BREW")) {
            HttpAnswer refused = open.answer(endpoint, method, PLAIN, FakeRequest.ACCESS);
            assertEquals(405, refused.status(), method);
            assertTrue(HealthEndpoints.carriesAllow(refused));
        }
    }

    @Test
    void withAMasterKeyDetailsNeedItAndHealthShowsOnlyItsStatus() {
        HealthEndpoints guarded = endpoints(MasterKeyAccess.withMasterKey(Optional.of("sk-master")));
        HttpAnswer statusOnly = guarded.answer(Endpoint.HEALTH, "GET", PLAIN, FakeRequest.ACCESS);
        assertEquals(503, statusOnly.status(), "the true code, so curl -f and HAProxy keep working");
        assertEquals("{\"status\":\"unhealthy\"}", statusOnly.bodyText());
        assertEquals(401, guarded.answer(Endpoint.MODELS, "GET", PLAIN, FakeRequest.ACCESS).status());
        assertEquals(401, guarded.answer(Endpoint.SERVICES, "GET", PLAIN, FakeRequest.ACCESS).status());

        FakeRequest withKey = new FakeRequest(Map.of("authorization", "Bearer sk-master"), Map.of());
        assertTrue(guarded.answer(Endpoint.HEALTH, "GET", withKey, FakeRequest.ACCESS).bodyText().contains("unhealthy_endpoints"));
        assertEquals(200, guarded.answer(Endpoint.MODELS, "GET", withKey, FakeRequest.ACCESS).status());
        assertEquals(503, guarded.answer(Endpoint.READINESS, "GET", PLAIN, FakeRequest.ACCESS).status(),
                "readiness stays open for probes: its true code, not 401");
        assertEquals(200, guarded.answer(Endpoint.LIVELINESS, "GET", PLAIN, FakeRequest.ACCESS).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/health/readiness", "/health/liveliness", "/health/liveness", "/health/models",
            "/health/services", "/metrics"})
    void everyHealthPathHasOneEndpoint(String path) {
        assertEquals(path, Endpoint.at(path).orElseThrow().path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/health/", "/healthz", "/health/readiness/x", "/HEALTH", ""})
    void otherPathsHaveNone(String path) {
        assertTrue(Endpoint.at(path).isEmpty(), path);
    }

    @Test
    void theNotFoundAnswerIsJson404() {
        assertEquals(404, HealthEndpoints.NOT_FOUND.status());
        assertEquals(HttpAnswer.JSON, HealthEndpoints.NOT_FOUND.contentType());
    }
}
