package dev.llmhealth.archfixture.violating.adapters.http;

import dev.llmhealth.archfixture.violating.domain.service.CheckService;

/** The HTTP adapter calling a service class instead of an in-port. */
public final class CallsServiceDirectly {
    public void trigger(CheckService service) {
        service.runRound();
    }
}
