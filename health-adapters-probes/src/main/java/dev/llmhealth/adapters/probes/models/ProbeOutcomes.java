package dev.llmhealth.adapters.probes.models;

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
import java.util.Map;
import javax.net.ssl.SSLException;

/** What a probe's answer, or its failure to get one, means for the deployment. */
final class ProbeOutcomes {

    private ProbeOutcomes() {
    }

    static ProbeResult fromResponse(int status, CappedBody body, Duration latency, MessageCleaner cleaner) {
        if (status >= 200 && status < 300) {
            Object json = parseOrNull(body.text());
            if (json == null && !(body.truncated() && looksLikeJson(body.text()))) {
                return ProbeResult.unhealthy(ErrorKind.MALFORMED_RESPONSE, "HTTP " + status + " but the body is not JSON");
            }
            // some OpenAI-compatible servers answer 200 with an error object
            String error = json instanceof Map<?, ?> object ? text(object.get("error")) : null;
            if (error != null) {
                return ProbeResult.unhealthy(ErrorKind.HTTP_ERROR, withDetail("HTTP " + status + " with an error from upstream", cleaner.clean(error)));
            }
            return ProbeResult.healthy(latency);
        }
        ErrorKind kind = switch (status) {
            case 401, 403 -> ErrorKind.AUTH;
            case 404 -> ErrorKind.MODEL_NOT_FOUND;
            case 408 -> ErrorKind.REQUEST_TIMEOUT;
            case 429 -> ErrorKind.RATE_LIMITED;
            default -> status >= 500 ? ErrorKind.SERVER_ERROR : ErrorKind.HTTP_ERROR;
        };
        return ProbeResult.unhealthy(kind, withDetail("HTTP " + status + " from upstream", cleaner.clean(errorMessage(body.text()))));
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

    /** OpenAI's {@code {"error":{"message":...}}}, a plain {@code error}/{@code message}, FastAPI's {@code detail}; else the raw text. */
    private static String errorMessage(String body) {
        if (parseOrNull(body) instanceof Map<?, ?> object) {
            for (String key : List.of("error", "message", "detail")) {
                String message = text(object.get(key));
                if (message != null) {
                    return message;
                }
            }
        }
        return body;
    }

    /** A message found in an error value of any of the shapes providers use. */
    private static String text(Object value) {
        return switch (value) {
            case String message when !message.isBlank() -> message;
            case Map<?, ?> object when object.get("message") != null -> text(object.get("message"));
            case Map<?, ?> object when object.get("msg") != null -> text(object.get("msg"));
            case List<?> list when !list.isEmpty() -> text(list.get(0));
            case null, default -> null;
        };
    }

    private static Object parseOrNull(String text) {
        try {
            return MinimalJson.parse(text);
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

    private static boolean looksLikeJson(String text) {
        String start = text.stripLeading();
        return start.startsWith("{") || start.startsWith("[");
    }

    private static String withDetail(String summary, String detail) {
        return detail.isEmpty() ? summary : summary + ": " + detail;
    }

    private static Throwable find(List<Throwable> involved, Class<? extends Throwable> type) {
        return involved.stream().filter(type::isInstance).findFirst().orElse(null);
    }
}
