package dev.llmhealth.domain.port.out;

/**
 * Hears when a model group enters or leaves panic mode ({@code panic_threshold_percent}): too few
 * of its deployments are healthy, so routing spreads calls over all of them rather than failing.
 * The group name is always a configured one.
 */
public interface PanicModeListener {

    void panicMode(String modelGroup, boolean inPanic);

    /** For a host that does not export it. */
    PanicModeListener NONE = (modelGroup, inPanic) -> {
    };
}
