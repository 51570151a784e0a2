package dev.llmhealth.adapters.probes.models;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.adapters.probes.support.SocketFailures;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProbeResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;

/** What a probe's answer, or its failure to get one, means for the deployment. */
final class ProbeOutcomes {

    /**
     * A JSON provider's answer judged.
     *
     * @param json the parsed body of a healthy answer (to read token usage from), else null
     */
    record JsonVerdict(ProbeResult result, JsonNode json) {
    }

    private ProbeOutcomes() {
    }

    static ProbeResult fromResponse(int status, CappedBody body, Duration latency, MessageCleaner cleaner) {
        return fromJsonResponse(status, body, latency, cleaner).result();
    }

    /**
     * A 2xx answer must be JSON (a long one need only start like it) without an error object in
     * it; any other status is classified by {@link #fromStatus}.
     */
    static JsonVerdict fromJsonResponse(int status, CappedBody body, Duration latency, MessageCleaner cleaner) {
        if (!isSuccess(status)) {
            return new JsonVerdict(fromStatus(status, body, cleaner), null);
        }
        JsonNode json = ProbeJson.parseOrNull(body.text());
        if (json == null && !(body.truncated() && looksLikeJson(body.text()))) {
            return new JsonVerdict(ProbeResult.unhealthy(ErrorKind.MALFORMED_RESPONSE, "HTTP " + status + " but the body is not JSON"), null);
        }
        // some OpenAI-compatible servers answer 200 with an error object
        String error = json != null && json.isObject() ? text(json.get("error")) : null;
        if (error != null) {
            return new JsonVerdict(ProbeResult.unhealthy(ErrorKind.HTTP_ERROR,
                    withDetail("HTTP " + status + " with an error from upstream", cleaner.clean(error))), null);
        }
        return new JsonVerdict(ProbeResult.healthy(latency), json);
    }

    /** A failing status: its kind, and the provider's own message, redacted and short. */
    static ProbeResult fromStatus(int status, CappedBody body, MessageCleaner cleaner) {
        return ProbeResult.unhealthy(kindOf(status), withDetail("HTTP " + status + " from upstream", cleaner.clean(errorMessage(body.text()))));
    }

    static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    static ErrorKind kindOf(int status) {
        return ErrorKind.ofHttpStatus(status);
    }

    /** The most specific cause wins: the JDK wraps the socket's own exception, e.g. a DNS failure in a ConnectException. */
    static ProbeResult fromFailure(Throwable failure, Duration timeout, String host, MessageCleaner cleaner) {
        List<Throwable> involved = SocketFailures.involved(failure);
        if (find(involved, HttpConnectTimeoutException.class) != null) {
            return ProbeResult.unhealthy(ErrorKind.TIMEOUT, "connect timed out");
        }
        if (find(involved, HttpTimeoutException.class) != null) {
            return timedOut(timeout);
        }
        if (find(involved, UnresolvedAddressException.class) != null || find(involved, UnknownHostException.class) != null) {
            return ProbeResult.unhealthy(ErrorKind.DNS, "cannot resolve host " + host);
        }
        Throwable tls = find(involved, SSLException.class);
        if (tls != null) {
            return ProbeResult.unhealthy(ErrorKind.TLS, withDetail("TLS failed", cleaner.clean(String.valueOf(tls.getMessage()))));
        }
        if (find(involved, NoRouteToHostException.class) != null) {
            return ProbeResult.unhealthy(ErrorKind.CONNECTION_REFUSED, "no route to host");
        }
        if (find(involved, ConnectException.class) != null) {
            return ProbeResult.unhealthy(ErrorKind.CONNECTION_REFUSED, "connection refused");
        }
        if (failure instanceof IOException) {
            return ProbeResult.unhealthy(ErrorKind.HTTP_ERROR, "connection failed before a complete response (" + failure.getClass().getSimpleName() + ")");
        }
        return ProbeResult.unhealthy(ErrorKind.UNKNOWN, "probe failed (" + failure.getClass().getSimpleName() + ")");
    }

    static ProbeResult timedOut(Duration timeout) {
        return ProbeResult.unhealthy(ErrorKind.TIMEOUT, "timed out after " + timeout.toMillis() + " ms");
    }

    /**
     * OpenAI's and Anthropic's {@code {"error":{"message":...}}}, Ollama's plain {@code error}, a
     * {@code message}, FastAPI's {@code detail}; else the raw text.
     */
    static String errorMessage(String body) {
        JsonNode json = ProbeJson.parseOrNull(body);
        if (json != null && json.isObject()) {
            for (String key : List.of("error", "message", "detail")) {
                String message = text(json.get(key));
                if (message != null) {
                    return message;
                }
            }
        }
        return body;
    }

    /** A message found in an error value of any of the shapes providers use. */
    private static String text(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText().isBlank() ? null : value.asText();
        }
        if (value.isObject()) {
            JsonNode message = value.hasNonNull("message") ? value.get("message") : value.get("msg");
            return message == null || message.isNull() ? null : text(message);
        }
        if (value.isArray() && !value.isEmpty()) {
            return text(value.get(0));
        }
        return null;
    }

    private static boolean looksLikeJson(String text) {
        String start = text.stripLeading();
        return start.startsWith("{") || start.startsWith("[");
    }

    static String withDetail(String summary, String detail) {
        return detail.isEmpty() ? summary : summary + ": " + detail;
    }

    private static Throwable find(List<Throwable> involved, Class<? extends Throwable> type) {
        return involved.stream().filter(type::isInstance).findFirst().orElse(null);
    }
}
