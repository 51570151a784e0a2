package dev.llmhealth.archfixture.violating.app;

/** Composition-root configuration. */
public record AppSettings(int intervalSeconds) {
}
