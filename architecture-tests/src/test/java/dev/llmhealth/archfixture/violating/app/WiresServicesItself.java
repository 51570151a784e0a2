package dev.llmhealth.archfixture.violating.app;

import dev.llmhealth.archfixture.violating.domain.service.CheckService;

/** A second composition of the domain's services, beside the embedding root's: the wiring drifts apart. */
public final class WiresServicesItself {
    public Object service() {
        return new CheckService();
    }
}
