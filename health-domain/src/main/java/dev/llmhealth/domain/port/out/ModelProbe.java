package dev.llmhealth.domain.port.out;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ProbeResult;
import java.time.Duration;

/**
 * Actively checks one deployment by calling its provider. Implementations enforce the timeout
 * themselves; the domain also abandons a probe at the round deadline, so a misbehaving one cannot
 * hold a round. They never throw for upstream trouble: every failure is an {@code Unhealthy} result
 * with a redacted message.
 */
public interface ModelProbe {
    ProbeResult probe(Deployment deployment, Duration timeout);
}
