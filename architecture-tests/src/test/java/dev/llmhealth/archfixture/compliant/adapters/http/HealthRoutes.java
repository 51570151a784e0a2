package dev.llmhealth.archfixture.compliant.adapters.http;

import dev.llmhealth.archfixture.compliant.domain.model.Reading;
import dev.llmhealth.archfixture.compliant.domain.port.in.ReadHealthQuery;

public final class HealthRoutes {
    private final ReadHealthQuery query;

    public HealthRoutes(ReadHealthQuery query) {
        this.query = query;
    }

    public int healthyCount() {
        return (int) query.readings().stream().filter(Reading::healthy).count();
    }
}
