package dev.llmhealth.archfixture.compliant.domain.model;

import java.time.Instant;

public record Reading(String name, boolean healthy, Instant at) {
}
