package dev.llmhealth.archfixture.compliant.domain.port.out;

import dev.llmhealth.archfixture.compliant.domain.model.Reading;
import java.time.Instant;

public interface SensorProbe {
    Reading read(Instant now);

    record Target(String name) {
    }

    SensorProbe NOT_CONFIGURED = new SensorProbe() {
        @Override
        public Reading read(Instant now) {
            return new Reading("none", true, now);
        }
    };
}
