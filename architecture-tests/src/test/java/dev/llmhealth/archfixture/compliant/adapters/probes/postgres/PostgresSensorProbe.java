package dev.llmhealth.archfixture.compliant.adapters.probes.postgres;

import dev.llmhealth.archfixture.compliant.adapters.probes.support.Timeouts;
import dev.llmhealth.archfixture.compliant.domain.model.Reading;
import dev.llmhealth.archfixture.compliant.domain.port.out.SensorProbe;
import java.time.Duration;
import java.time.Instant;

public final class PostgresSensorProbe implements SensorProbe {
    @Override
    public Reading read(Instant now) {
        return new Reading("postgres", Timeouts.capped(Duration.ofSeconds(9)).toSeconds() <= 5, now);
    }
}
