package dev.llmhealth.archfixture.violating.adapters.probes.support;

import dev.llmhealth.archfixture.violating.adapters.probes.postgres.PostgresServiceProbe;

/** Shared probe code that knows one member adapter: a back door between the probe adapters. */
public final class KnowsPostgres {
    public boolean ready(PostgresServiceProbe probe) {
        return probe.configured();
    }
}
