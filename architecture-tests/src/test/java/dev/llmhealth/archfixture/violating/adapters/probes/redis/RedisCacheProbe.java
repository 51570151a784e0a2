package dev.llmhealth.archfixture.violating.adapters.probes.redis;

import dev.llmhealth.archfixture.violating.adapters.probes.models.ModelHttpSupport;
import dev.llmhealth.archfixture.violating.domain.port.out.ServiceProbe;

/** A probe adapter borrowing code from a sibling probe adapter. */
public final class RedisCacheProbe implements ServiceProbe {
    @Override
    public boolean configured() {
        return new ModelHttpSupport().enabled();
    }
}
