package dev.llmhealth.app;

/** The versions the service reports. */
final class Versions {

    /** The LiteLLM proxy version whose health contract this service answers, reported as {@code litellm_version}. */
    static final String LITELLM_COMPATIBLE = "1.50.0";

    /** This service's own version, reported in the {@code x-llm-health-version} header. */
    static final String OWN = "0.1.0";

    private Versions() {
    }
}
