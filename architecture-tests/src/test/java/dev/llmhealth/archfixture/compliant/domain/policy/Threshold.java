package dev.llmhealth.archfixture.compliant.domain.policy;

import dev.llmhealth.archfixture.compliant.domain.model.Reading;
import java.util.List;

public final class Threshold {
    public boolean healthy(List<Reading> readings) {
        return readings.stream().allMatch(Reading::healthy);
    }
}
