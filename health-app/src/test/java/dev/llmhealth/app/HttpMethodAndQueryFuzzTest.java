package dev.llmhealth.app;

import static dev.llmhealth.app.FuzzChecks.get10;
import static dev.llmhealth.app.FuzzChecks.get11;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.adapters.http.HealthEndpoints;
import dev.llmhealth.adapters.http.HealthEndpoints.Endpoint;
import dev.llmhealth.app.FuzzChecks.Case;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wrong methods on every health path over HTTP/1.1 and HTTP/1.0 (405 with {@code Allow}, never a
 * 5xx), and odd query values, sent both as raw bytes and through {@code java.net.http}. Decisions:
 * a lower-case {@code get} is a GET (Helidon upper-cases methods, and HTTP/1.0 follows it); an empty
 * {@code ?model=} is no filter; of a repeated parameter the first counts; a bad percent escape is a
 * 400 on both protocols; an unknown model is a JSON 404, an unknown service a JSON 400.
 */
class HttpMethodAndQueryFuzzTest {

    private static final List<String> WRONG_METHODS = List.of("PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "POST",
            "PROPFIND", "M-SEARCH", "BREW", "X".repeat(64));
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final HealthyApp healthy = HealthyApp.watchingTheLog();

    static Stream<Case> wrongMethods() {
        List<Case> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (String method : WRONG_METHODS) {
                String path = endpoint.path();
                cases.add(Case.of(method + " " + path + " HTTP/1.1", get11(path, "").replaceFirst("GET", method), 405));
                cases.add(Case.of(method + " " + path + " HTTP/1.0", get10(path, "").replaceFirst("GET", method), 405));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongMethods")
    void wrongMethodsGet405WithAllowOnBothProtocols(Case fuzz) {
        FuzzChecks.check(healthy.app().port(), fuzz);
        RawHttp.Response answer = FuzzChecks.exchange(healthy.app().port(), fuzz.request()).response();
        assertEquals(HealthEndpoints.ALLOW, answer.header("allow"), fuzz.name());
        assertEquals("method_not_allowed", RunningApp.parse(answer.bodyText()).path("error").path("type").asText(), fuzz.name());
    }

    @ParameterizedTest(name = "{0} over HTTP/1.0 and HTTP/1.1")
    @MethodSource("healthPaths")
    void lowerCaseGetIsServedAsGetOnBothProtocols(String path) {
        FuzzChecks.check(healthy.app().port(), Case.of("get " + path + " HTTP/1.1", get11(path, "").replaceFirst("GET", "get"), 200));
        FuzzChecks.check(healthy.app().port(), Case.of("get " + path + " HTTP/1.0", get10(path, "").replaceFirst("GET", "get"), 200));
    }

    static Stream<String> healthPaths() {
        return Stream.of(Endpoint.values()).map(Endpoint::path);
    }

    /** java.net.http with bodies, as a real client sends them (it refuses CONNECT itself: the raw cases cover it). */
    @Test
    void wrongMethodsWithBodiesThroughJavaNetHttp() throws Exception {
        for (Endpoint endpoint : Endpoint.values()) {
            for (String method : List.of("PUT", "PATCH", "DELETE", "POST", "TRACE", "FOO")) {
                HttpRequest.BodyPublisher body = method.equals("TRACE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"model\": \"gpt-4\", \"x\": [1, 2, 3]}");
                HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(healthy.app().url(endpoint.path())))
                        .method(method, body).header("Content-Type", "application/json"));
                assertEquals(405, answer.statusCode(), method + " " + endpoint.path() + ": " + answer.body());
                FuzzChecks.assertNoLeak(method + " " + endpoint.path(), answer.body());
            }
        }
    }

    static Stream<Case> rawQueries() {
        return Stream.of(
                Case.of("?model=%zz HTTP/1.1", get11("/health?model=%zz", ""), 400),
                Case.of("?model=%zz HTTP/1.0", get10("/health?model=%zz", ""), 400),
                Case.of("models ?model=%zz HTTP/1.1", get11("/health/models?model=%zz", ""), 400),
                Case.of("models ?model=%zz HTTP/1.0", get10("/health/models?model=%zz", ""), 400),
                Case.of("?service=%zz HTTP/1.0", get10("/health/services?service=%zz", ""), 400),
                Case.of("?model=%e2%28 (invalid UTF-8) HTTP/1.1", get11("/health?model=%e2%28", ""), 400, 404),
                Case.of("?model=%e2%28 (invalid UTF-8) HTTP/1.0", get10("/health?model=%e2%28", ""), 400, 404),
                Case.of("lone percent HTTP/1.0", get10("/health/models?model=%", ""), 400),
                Case.of("10 KiB value HTTP/1.0", get10("/health?model=" + "m".repeat(10 * 1024), ""), 400, 414),
                Case.of("?service=nonsense HTTP/1.0", get10("/health/services?service=nonsense", ""), 400),
                Case.of("?model=../../etc HTTP/1.0", get10("/health?model=../../etc", ""), 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rawQueries")
    void oddQueriesAsRawBytes(Case fuzz) {
        FuzzChecks.check(healthy.app().port(), fuzz);
    }

    /** Through java.net.http, which encodes what it sends: status, and for JSON answers the error type. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "/health?model=                                   | 200 | -",
            "/health?model                                    | 200 | -",
            "/health?&&&=&=                                   | 200 | -",
            "/health?unknown=1                                | 200 | -",
            "/health?model=nope&model=gpt-4                   | 404 | not_found",
            "/health?model=gpt-4&model=nope                   | 200 | -",
            "/health?model=%E2%9C%93%F0%9F%98%80              | 404 | not_found",
            "/health?model=%00                                | 404 | not_found",
            "/health?model=gpt-4%00                           | 404 | not_found",
            "/health?model=../../etc                          | 404 | not_found",
            "/health?model=%2e%2e%2f%2e%2e%2fetc%2fpasswd     | 404 | not_found",
            "/health?model=%3Cscript%3Ealert(1)%3C/script%3E  | 404 | not_found",
            "/health/models?model=../../etc                   | 200 | -",
            "/health/models?model=gpt-4&model=nope            | 200 | -",
            "/health/models?model=%E2%9C%93                   | 200 | -",
            "/health/services?service=nonsense                | 400 | bad_request",
            "/health/services?service=                        | 200 | -",
            "/health/services?service=database&service=x      | 200 | -",
            "/health/readiness?model=x&service=y              | 200 | -",
            "/health/liveliness?%E2%9C%93=%E2%9C%93           | 200 | -"})
    void oddQueriesThroughJavaNetHttp(String target, int status, String errorType) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(healthy.app().url(target))).GET());
        assertEquals(status, answer.statusCode(), target + ": " + answer.body());
        FuzzChecks.assertNoLeak(target, answer.body());
        JsonNode json = RunningApp.parse(answer.body());
        if (errorType != null) {
            assertEquals(errorType, json.path("error").path("type").asText(), answer.body());
        }
        FuzzChecks.assertStillServing(healthy.app().port(), target);
    }

    @Test
    void aRepeatedModelFilterUsesTheFirstValue() throws Exception {
        JsonNode models = RunningApp.parse(send(HttpRequest.newBuilder(URI.create(healthy.app().url("/health/models?model=gpt-4&model=nope")))
                .GET()).body());
        assertEquals(1, models.path("healthy").size(), models.toString());
        assertEquals("gpt-4", models.path("healthy").get(0).path("model").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/health?model=", "/health/models?model=", "/health/services?service="})
    void tenKibibyteValuesAreRefusedAsTooLong(String prefix) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(healthy.app().url(prefix + "m".repeat(10 * 1024)))).GET());
        assertTrue(Set.of(400, 414).contains(answer.statusCode()), prefix + ": " + answer.statusCode());
        FuzzChecks.assertNoLeak(prefix, answer.body());
        FuzzChecks.assertStillServing(healthy.app().port(), prefix + "<10 KiB>");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
