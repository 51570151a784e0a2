package dev.llmhealth.archfixture.violating.adapters.probes.models;

import dev.llmhealth.archfixture.violating.adapters.http.HealthView;

/** A probe adapter using the HTTP adapter's JSON view. */
public final class RendersHttpView {
    public HealthView view() {
        return new HealthView("healthy");
    }
}
