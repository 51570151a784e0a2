package dev.llmhealth.domain.port.in;

/** {@code GET /health/liveliness}: touches no dependency; false only when the checks themselves have stalled. */
public interface GetLivenessQuery {
    boolean alive();
}
