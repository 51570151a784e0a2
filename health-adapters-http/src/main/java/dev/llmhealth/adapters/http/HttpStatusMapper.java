package dev.llmhealth.adapters.http;

/**
 * Which HTTP code a health answer carries, decided in one place (as Spring Boot Actuator's
 * {@code HttpCodeStatusMapper}): a bad state is 503, so Docker's {@code curl -f}, load balancers and
 * monitors see it without reading the body; everything else is 200.
 */
final class HttpStatusMapper {

    static final int OK = 200;
    static final int UNAVAILABLE = 503;

    private HttpStatusMapper() {
    }

    /** {@code /health} and {@code /health?model=}: healthy or not. */
    static int forHealth(boolean healthy) {
        return healthy ? OK : UNAVAILABLE;
    }

    /** {@code /health/readiness}: ready or not. */
    static int forReadiness(boolean ready) {
        return ready ? OK : UNAVAILABLE;
    }

    /** {@code /health/services}: 503 only when a required service is disconnected. */
    static int forServices(boolean requiredServiceDown) {
        return requiredServiceDown ? UNAVAILABLE : OK;
    }

    /** {@code /health/liveliness}: alive unless the checks stalled. */
    static int forLiveness(boolean alive) {
        return alive ? OK : UNAVAILABLE;
    }
}
