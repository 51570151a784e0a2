package dev.llmhealth.domain.port.out;

import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.model.ServiceName;
import java.time.Instant;
import java.util.List;

/**
 * Told of each change of state this replica records: a deployment's verdict reached under this
 * replica's lease, its own traffic cooldown and recovery, a service going up or down. The history,
 * the log, metrics, alerts and live views subscribe; none of them has to recognise a change itself.
 * Called on the checking thread: a listener returns at once (queue anything slow).
 *
 * <p>A listener that needs to know how long a service's state has held (alerts) also hears every
 * service check's outcome, changed or not, through {@link #serviceChecked}.
 */
@FunctionalInterface
public interface TransitionListener {

    void transitioned(HealthTransition transition);

    /**
     * A configured service was checked: once per service per check cycle, after the transition that
     * check caused (if any). A check cut off by shutdown is not told. Most listeners ignore it.
     */
    default void serviceChecked(ServiceName service, ServiceHealth outcome, Instant at) {
    }

    /** Hears nothing. */
    TransitionListener NONE = transition -> {
    };

    /**
     * Tells each listener in turn; one that throws is skipped for that transition, so it can neither
     * stop the others nor the check that found the change.
     */
    static TransitionListener all(List<TransitionListener> listeners) {
        List<TransitionListener> each = List.copyOf(listeners);
        return new TransitionListener() {
            @Override
            public void transitioned(HealthTransition transition) {
                for (TransitionListener listener : each) {
                    tell(() -> listener.transitioned(transition));
                }
            }

            @Override
            public void serviceChecked(ServiceName service, ServiceHealth outcome, Instant at) {
                for (TransitionListener listener : each) {
                    tell(() -> listener.serviceChecked(service, outcome, at));
                }
            }

            private static void tell(Runnable telling) {
                try {
                    telling.run();
                } catch (RuntimeException broken) {
                    System.getLogger(TransitionListener.class.getName()).log(System.Logger.Level.WARNING,
                            "a transition listener failed ({0}); the others were told", broken.getClass().getSimpleName());
                }
            }
        };
    }
}
