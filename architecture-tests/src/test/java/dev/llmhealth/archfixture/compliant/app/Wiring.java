package dev.llmhealth.archfixture.compliant.app;

import dev.llmhealth.archfixture.compliant.adapters.http.HealthRoutes;
import dev.llmhealth.archfixture.compliant.adapters.probes.postgres.PostgresSensorProbe;
import dev.llmhealth.archfixture.compliant.adapters.probes.redis.RedisSensorProbe;
import dev.llmhealth.archfixture.compliant.domain.port.out.SensorProbe;
import dev.llmhealth.archfixture.compliant.embedded.Module;
import java.util.List;

public final class Wiring {
    public HealthRoutes routes() {
        List<SensorProbe> probes = List.of(new PostgresSensorProbe(), new RedisSensorProbe(), SensorProbe.NOT_CONFIGURED);
        return new Module().routes(probes);
    }
}
