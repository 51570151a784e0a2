package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.policy.FlapDamping;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a probe's result into the deployment's verdict (through flap damping) and, when this
 * replica holds the deployment's lease, hands a change of state to the recorder: so the one replica
 * that probed it records each change once.
 */
final class VerdictPublisher {

    private final FlapDamping damping;
    private final TransitionRecorder transitions;

    VerdictPublisher(HealthSettings settings, TransitionRecorder transitions) {
        this.damping = new FlapDamping(settings.unhealthyThreshold(), settings.healthyThreshold(), settings.ignoreTransientErrors());
        this.transitions = transitions;
    }

    /** A verdict reached under this replica's lease: its change of state is recorded. */
    DeploymentHealth recorded(Optional<DeploymentHealth> previous, Deployment deployment, ProbeResult result, Instant at) {
        DeploymentHealth verdict = damping.apply(previous, deployment, result, at);
        transitions.deployment(previous, verdict);
        return verdict;
    }

    /** A verdict shown here at once but recorded by the lease holder (a check on request without the lease). */
    DeploymentHealth unrecorded(Optional<DeploymentHealth> previous, Deployment deployment, ProbeResult result, Instant at) {
        return damping.apply(previous, deployment, result, at);
    }

    /** A deployment that is not probed ({@code none}, or background checks off): assumed healthy until evidence says otherwise. */
    DeploymentHealth assumed(Optional<DeploymentHealth> previous, Deployment deployment, Instant at) {
        return damping.assumed(previous, deployment, at);
    }

    String replica() {
        return transitions.replica();
    }
}
