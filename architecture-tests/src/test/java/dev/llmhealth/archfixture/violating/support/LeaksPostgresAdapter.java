package dev.llmhealth.archfixture.violating.support;

import dev.llmhealth.archfixture.violating.adapters.probes.postgres.PostgresServiceProbe;

/** Code outside the composition root constructing a concrete adapter. */
public final class LeaksPostgresAdapter {
    public Object probe() {
        return new PostgresServiceProbe();
    }
}
