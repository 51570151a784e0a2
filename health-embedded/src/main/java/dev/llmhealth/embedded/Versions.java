package dev.llmhealth.embedded;

/** The versions the service reports. */
public final class Versions {

    /** The LiteLLM proxy version whose health contract this service answers, reported as {@code litellm_version}. */
    public static final String LITELLM_COMPATIBLE = "1.50.0";

    /** This service's own version, reported in the {@code x-llm-health-version} header. */
    public static final String OWN = "0.1.0";

    private Versions() {
    }
}
