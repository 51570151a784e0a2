package dev.llmhealth.domain.model;

/** The proxy's overall status, in the spec's words. */
public enum HealthStatus {
    HEALTHY("healthy"),
    UNHEALTHY("unhealthy");

    private final String word;

    HealthStatus(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
