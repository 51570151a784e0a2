package dev.llmhealth.archfixture.compliant.adapters.probes.redis;

import dev.llmhealth.archfixture.compliant.adapters.probes.support.Timeouts;
import dev.llmhealth.archfixture.compliant.domain.model.Reading;
import dev.llmhealth.archfixture.compliant.domain.port.out.SensorProbe;
import java.time.Duration;
import java.time.Instant;

public final class RedisSensorProbe implements SensorProbe {
    @Override
    public Reading read(Instant now) {
        return new Reading("redis", Timeouts.capped(Duration.ofSeconds(9)).toSeconds() <= 5, now);
    }
}
