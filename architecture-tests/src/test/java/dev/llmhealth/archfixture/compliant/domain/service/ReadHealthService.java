package dev.llmhealth.archfixture.compliant.domain.service;

import dev.llmhealth.archfixture.compliant.domain.model.Reading;
import dev.llmhealth.archfixture.compliant.domain.policy.Threshold;
import dev.llmhealth.archfixture.compliant.domain.port.in.ReadHealthQuery;
import dev.llmhealth.archfixture.compliant.domain.port.out.SensorProbe;
import java.time.Clock;
import java.util.List;

public final class ReadHealthService implements ReadHealthQuery {
    private final List<SensorProbe> probes;
    private final Clock clock;
    private final Threshold threshold = new Threshold();

    public ReadHealthService(List<SensorProbe> probes, Clock clock) {
        this.probes = List.copyOf(probes);
        this.clock = clock;
    }

    @Override
    public List<Reading> readings() {
        List<Reading> readings = probes.stream().map(p -> p.read(clock.instant())).toList();
        return threshold.healthy(readings) ? readings : List.of();
    }
}
