package dev.llmhealth.architecture;

/** The project's hexagon, as drawn in docs/architecture.md ("The rings"), for any base package. */
final class LlmHealthArchitecture {

    static final String PRODUCTION_BASE_PACKAGE = "dev.llmhealth";

    private LlmHealthArchitecture() {
    }

    static HexagonalArchitecture under(String basePackage) {
        return HexagonalArchitecture.basePackage(basePackage)
                .withDomain("domain")
                .withIncomingPorts("domain.port.in")
                .withOutgoingPorts("domain.port.out")
                .withServices("domain.service")
                .withAdapters("adapters")
                .withAdapterFamily("adapters.probes", "postgres", "redis", "models")
                .withConfiguration("app")
                .withEmbeddingRoot("embedded");
    }
}
