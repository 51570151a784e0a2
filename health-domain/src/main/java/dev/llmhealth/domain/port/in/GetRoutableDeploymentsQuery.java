package dev.llmhealth.domain.port.in;

import dev.llmhealth.domain.model.Deployment;
import java.util.List;

/**
 * Which deployments of a model group may take a call now: the healthy ones, the ones not checked
 * yet, and the ones real traffic took out once their cooldown is over (the next call decides).
 * Never those a probe found unhealthy, unless too few are routable ({@code panic_threshold_percent}):
 * then all of the group's deployments, rather than none.
 */
public interface GetRoutableDeploymentsQuery {

    /** In configuration order; empty when none may (or the group is not configured). */
    List<Deployment> routable(String modelName);
}
