package dev.llmhealth.archfixture.violating.adapters.http;

/** A JSON view of the HTTP adapter. */
public record HealthView(String status) {
}
