package dev.llmhealth.embedded;

import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.port.out.TransitionListener;

/**
 * Logs each recorded change of state, one line each: {@code deployment gpt-4 (7b3d5afa91bbee61)
 * healthy -> unhealthy: HTTP 500 ...} or {@code service database connected -> disconnected: ...},
 * at WARNING when it went bad and INFO otherwise. The transition itself rides along as the record's
 * second parameter (the first is the line), so the JSON log writes its parts as fields without
 * reading the message.
 */
public final class TransitionLog implements TransitionListener {

    public static final String LOGGER = TransitionLog.class.getName();
    private static final System.Logger LOG = System.getLogger(LOGGER);

    @Override
    public void transitioned(HealthTransition transition) {
        boolean bad = transition.to().equals("unhealthy") || transition.to().equals("disconnected");
        LOG.log(bad ? System.Logger.Level.WARNING : System.Logger.Level.INFO, "{0}", text(transition), transition);
    }

    /** The line as text logs show it. */
    public static String text(HealthTransition transition) {
        String what = transition.kind() == HealthTransition.SubjectKind.DEPLOYMENT
                ? "deployment " + transition.modelName().orElse("") + " (" + transition.subject() + ")"
                : "service " + transition.subject();
        return what + " " + transition.from() + " -> " + transition.to() + transition.error().map(e -> ": " + e).orElse("");
    }
}
