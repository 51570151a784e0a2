package dev.llmhealth.archfixture.violating.adapters.probes.postgres;

import dev.llmhealth.archfixture.violating.domain.port.out.ServiceProbe;

/** A well-formed probe adapter. */
public final class PostgresServiceProbe implements ServiceProbe {
    @Override
    public boolean configured() {
        return true;
    }
}
