package dev.llmhealth.adapters.probes.models;

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
import java.util.ArrayList;
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

    static ProbeResult fromFailure(Throwable failure, Duration timeout, String host, MessageCleaner cleaner) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof HttpConnectTimeoutException) {
                return ProbeResult.unhealthy(ErrorKind.TIMEOUT, "connect timed out");
            }
            if (t instanceof HttpTimeoutException) {
                return timedOut(timeout);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return ProbeResult.unhealthy(ErrorKind.DNS, "cannot resolve host " + host);
            }
            if (t instanceof SSLException) {
                return ProbeResult.unhealthy(ErrorKind.TLS, withDetail("TLS failed", cleaner.clean(String.valueOf(t.getMessage()))));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof NoRouteToHostException) {
                return ProbeResult.unhealthy(ErrorKind.CONNECTION_REFUSED, "no route to host");
            }
            if (t instanceof ConnectException) {
                return ProbeResult.unhealthy(ErrorKind.CONNECTION_REFUSED, "connection refused");
            }
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

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < 16; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
