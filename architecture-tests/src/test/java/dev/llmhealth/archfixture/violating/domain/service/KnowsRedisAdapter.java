package dev.llmhealth.archfixture.violating.domain.service;

import dev.llmhealth.archfixture.violating.adapters.probes.redis.RedisCacheProbe;

/** The domain reaching out to a concrete adapter. */
public final class KnowsRedisAdapter {
    public boolean ping(RedisCacheProbe probe) {
        return probe.configured();
    }
}
