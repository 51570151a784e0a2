package dev.llmhealth.archfixture.compliant.embedded;

import dev.llmhealth.archfixture.compliant.adapters.http.HealthRoutes;
import dev.llmhealth.archfixture.compliant.domain.port.out.SensorProbe;
import dev.llmhealth.archfixture.compliant.domain.service.ReadHealthService;
import java.time.Clock;
import java.util.List;

/** The one place that constructs the domain's services, for embedding hosts and the app alike. */
public final class Module {
    public HealthRoutes routes(List<SensorProbe> probes) {
        return new HealthRoutes(new ReadHealthService(probes, Clock.systemUTC()));
    }
}
