package dev.llmhealth.archfixture.violating.domain.service;

/** A use-case implementation, which adapters must reach only through an in-port. */
public final class CheckService {
    public void runRound() {
    }
}
