package dev.llmhealth.domain.port.out;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ProxyRequestOutcome;
import dev.llmhealth.domain.model.TrafficOutcome;
import java.util.Optional;

/**
 * Counts real traffic (requests, failures, latency, tokens, spend, cooldowns) where an operator
 * can see it. Every requested model name it gets is a configured one or {@code unknown}, and every
 * deployment is one the router knows, so whatever it labels by comes from the configuration.
 */
public interface TrafficMetrics {

    void callFinished(Deployment deployment, TrafficOutcome call);

    void requestFinished(Optional<Deployment> servedBy, ProxyRequestOutcome request);

    /** Passive health took the deployment out; {@code cause} is the call that tipped it. */
    void cooledDown(Deployment deployment, TrafficOutcome cause);

    /** For a host that exports traffic metrics its own way. */
    TrafficMetrics NONE = new TrafficMetrics() {
        @Override
        public void callFinished(Deployment deployment, TrafficOutcome call) {
        }

        @Override
        public void requestFinished(Optional<Deployment> servedBy, ProxyRequestOutcome request) {
        }

        @Override
        public void cooledDown(Deployment deployment, TrafficOutcome cause) {
        }
    };
}
