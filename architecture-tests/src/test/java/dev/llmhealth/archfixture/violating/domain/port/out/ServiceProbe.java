package dev.llmhealth.archfixture.violating.domain.port.out;

/** A well-formed out-port: its anonymous constant and nested record must not be reported. */
public interface ServiceProbe {
    boolean configured();

    record Details(String name) {
    }

    ServiceProbe NOT_CONFIGURED = new ServiceProbe() {
        @Override
        public boolean configured() {
            return false;
        }
    };
}
