package dev.llmhealth.domain.model;

/** The two states the spec reports, in its own words. */
public enum DeploymentState {
    HEALTHY("healthy"),
    UNHEALTHY("unhealthy");

    private final String word;

    DeploymentState(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
