package dev.llmhealth.archfixture.violating.adapters.probes.models;

/** Helper of the models probe adapter. */
public final class ModelHttpSupport {
    public boolean enabled() {
        return true;
    }
}
