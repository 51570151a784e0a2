package dev.llmhealth.domain.port.out;

import dev.llmhealth.domain.model.HealthTransition;
import java.util.List;

/**
 * Told of each change of state this replica records: a deployment's verdict reached under this
 * replica's lease, its own traffic cooldown and recovery, a service going up or down. The history,
 * the log, metrics, alerts and live views subscribe; none of them has to recognise a change itself.
 * Called on the checking thread: a listener returns at once (queue anything slow).
 */
@FunctionalInterface
public interface TransitionListener {

    void transitioned(HealthTransition transition);

    /** Hears nothing. */
    TransitionListener NONE = transition -> {
    };

    /**
     * Tells each listener in turn; one that throws is skipped for that transition, so it can neither
     * stop the others nor the check that found the change.
     */
    static TransitionListener all(List<TransitionListener> listeners) {
        List<TransitionListener> each = List.copyOf(listeners);
        return transition -> {
            for (TransitionListener listener : each) {
                try {
                    listener.transitioned(transition);
                } catch (RuntimeException broken) {
                    System.getLogger(TransitionListener.class.getName()).log(System.Logger.Level.WARNING,
                            "a transition listener failed ({0}); the others were told", broken.getClass().getSimpleName());
                }
            }
        };
    }
}
