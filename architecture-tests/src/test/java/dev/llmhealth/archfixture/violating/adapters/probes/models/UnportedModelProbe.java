package dev.llmhealth.archfixture.violating.adapters.probes.models;

/** Named like a probe, but implements no out-port: nothing in the domain can use it. */
public final class UnportedModelProbe {
    public boolean probe() {
        return true;
    }
}
