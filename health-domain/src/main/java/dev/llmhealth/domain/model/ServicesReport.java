package dev.llmhealth.domain.model;

import java.util.Set;

/**
 * The state of the connected services and the router.
 *
 * @param requiredDown the services the proxy cannot work without that are disconnected now
 */
public record ServicesReport(
        ServiceHealth database,
        ServiceHealth redis,
        boolean routerInitialized,
        int routerModels,
        Set<ServiceName> requiredDown) {

    public ServicesReport {
        requiredDown = Set.copyOf(requiredDown);
    }

    public boolean requiredServiceDown() {
        return !requiredDown.isEmpty();
    }

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
