package dev.llmhealth.archfixture.violating.domain.port.out;

/** A value type living in a port package: ports are interfaces, values belong in the model. */
public record ProbeSettings(int timeoutMillis) {
}
