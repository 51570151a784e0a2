package dev.llmhealth.archfixture.violating.adapters.http;

import dev.llmhealth.archfixture.violating.adapters.probes.postgres.PostgresServiceProbe;

/** The HTTP adapter using a probe adapter directly. */
public final class ShowsPostgresDetails {
    public boolean show(PostgresServiceProbe probe) {
        return probe.configured();
    }
}
