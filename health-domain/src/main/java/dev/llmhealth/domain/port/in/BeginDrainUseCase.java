package dev.llmhealth.domain.port.in;

/**
 * The first step of a graceful shutdown: readiness answers {@code not_ready} from now on, so load
 * balancers and Kubernetes stop sending traffic, while every endpoint (liveliness included) keeps
 * answering and requests in flight finish. There is no way back: a draining replica only stops.
 */
public interface BeginDrainUseCase {
    void beginDrain();
}
