package dev.llmhealth.domain.model;

import java.util.Objects;

/** The state of one connected service (database, Redis), in the spec's words. */
public sealed interface ServiceHealth {

    /** The spec's status word: {@code connected}, {@code disconnected} or {@code not_configured}. */
    String word();

    record NotConfigured() implements ServiceHealth {
        @Override
        public String word() {
            return "not_configured";
        }
    }

    record Connected(double latencyMs) implements ServiceHealth {
        @Override
        public String word() {
            return "connected";
        }
    }

    /** @param error short and redacted */
    record Disconnected(String error) implements ServiceHealth {
        public Disconnected {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String word() {
            return "disconnected";
        }
    }

    ServiceHealth NOT_CONFIGURED = new NotConfigured();

    /** A configured service before its first check. */
    ServiceHealth NOT_CHECKED_YET = new Disconnected("not checked yet");

    static ServiceHealth connected(double latencyMs) {
        return new Connected(latencyMs);
    }

    static ServiceHealth disconnected(String error) {
        return new Disconnected(error);
    }

    default boolean isConfigured() {
        return !(this instanceof NotConfigured);
    }

    default boolean isDisconnected() {
        return this instanceof Disconnected;
    }
}
