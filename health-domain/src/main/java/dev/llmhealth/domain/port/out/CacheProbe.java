package dev.llmhealth.domain.port.out;

import dev.llmhealth.domain.model.ServiceHealth;
import java.time.Duration;

/** The proxy's shared cache (Redis). */
public interface CacheProbe extends ServiceProbe {

    /** For a proxy that runs without a cache. */
    CacheProbe NOT_CONFIGURED = new CacheProbe() {
        @Override
        public ServiceHealth check(Duration timeout) {
            return ServiceHealth.NOT_CONFIGURED;
        }

        @Override
        public boolean configured() {
            return false;
        }
    };
}
