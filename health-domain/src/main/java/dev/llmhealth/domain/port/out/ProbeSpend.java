package dev.llmhealth.domain.port.out;

import dev.llmhealth.domain.model.Deployment;

/**
 * Counts what active probes cost: a completion probe spends real tokens, and an operator should
 * see how many and at what price. Called once per completion probe that reported its usage; the
 * deployment is always a configured one, so whatever an implementation labels by comes from the config.
 */
public interface ProbeSpend {

    /**
     * @param inputTokens  prompt tokens the provider counted
     * @param outputTokens completion tokens the provider counted
     * @param cost         from the deployment's configured per-token prices; 0 when none are configured
     */
    void probeSpent(Deployment deployment, long inputTokens, long outputTokens, double cost);

    /** For a host that does not count probe spend. */
    ProbeSpend NONE = (deployment, inputTokens, outputTokens, cost) -> {
    };
}
