package dev.llmhealth.domain.model;

/**
 * The state of the connected services and the router.
 *
 * @param requiredServiceDown a service the proxy cannot work without is disconnected
 */
public record ServicesReport(
        ServiceHealth database,
        ServiceHealth redis,
        boolean routerInitialized,
        int routerModels,
        boolean requiredServiceDown) {

    public String routerWord() {
        return routerInitialized ? "initialized" : "not_initialized";
    }

    public ServiceHealth service(ServiceName name) {
        return switch (name) {
            case DATABASE -> database;
            case REDIS -> redis;
        };
    }
}
