package dev.llmhealth.archfixture.violating.app;

import dev.llmhealth.archfixture.violating.adapters.probes.postgres.PostgresServiceProbe;
import dev.llmhealth.archfixture.violating.domain.port.out.ServiceProbe;

/** The composition root may know concrete adapters. */
public final class Wiring {
    public ServiceProbe database() {
        return new PostgresServiceProbe();
    }
}
