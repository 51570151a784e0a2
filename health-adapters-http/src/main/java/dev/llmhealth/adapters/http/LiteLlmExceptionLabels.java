package dev.llmhealth.adapters.http;

import dev.llmhealth.domain.model.ErrorKind;
import java.util.Locale;

/**
 * LiteLLM's {@code exception_status} and {@code exception_class} label values for a failure, so
 * dashboards that split errors by them keep working: the status LiteLLM's exception would carry
 * (a call with no HTTP answer is a 408 timeout or a 500 connection error there), and its exception
 * class name, prefixed with the provider as LiteLLM does ({@code Openai.RateLimitError}).
 */
final class LiteLlmExceptionLabels {

    private LiteLlmExceptionLabels() {
    }

    static String status(int httpStatus, ErrorKind kind) {
        if (httpStatus > 0) {
            return Integer.toString(httpStatus);
        }
        return kind == ErrorKind.TIMEOUT || kind == ErrorKind.REQUEST_TIMEOUT ? "408" : "500";
    }

    static String exceptionClass(String provider, int httpStatus, ErrorKind kind) {
        String name = className(httpStatus, kind);
        if (provider.isEmpty()) {
            return name;
        }
        return provider.substring(0, 1).toUpperCase(Locale.ROOT) + provider.substring(1) + "." + name;
    }

    private static String className(int httpStatus, ErrorKind kind) {
        return switch (kind) {
            case TIMEOUT, REQUEST_TIMEOUT -> "Timeout";
            case CONNECTION_REFUSED, DNS, TLS -> "APIConnectionError";
            case AUTH -> httpStatus == 403 ? "PermissionDeniedError" : "AuthenticationError";
            case MODEL_NOT_FOUND -> "NotFoundError";
            case RATE_LIMITED -> "RateLimitError";
            case SERVER_ERROR -> httpStatus == 503 ? "ServiceUnavailableError" : "InternalServerError";
            case HTTP_ERROR -> switch (httpStatus) {
                case 400, 413 -> "BadRequestError";
                case 422 -> "UnprocessableEntityError";
                default -> "APIError";
            };
            case CONFIG -> "BadRequestError";
            case MALFORMED_RESPONSE, UNKNOWN -> "APIError";
        };
    }
}
