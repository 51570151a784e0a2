package dev.llmhealth.domain.model;

import java.util.Set;

/**
 * The state of the connected services and the router.
 *
 * @param requiredDown the services the proxy cannot work without that are disconnected now
 * @param coordination whether probing is shared with other replicas now
 * @param replica      the replica answering
 */
public record ServicesReport(
        ServiceHealth database,
        ServiceHealth redis,
        boolean routerInitialized,
        int routerModels,
        Set<ServiceName> requiredDown,
        CoordinationMode coordination,
        String replica) {

    public ServicesReport {
        requiredDown = Set.copyOf(requiredDown);
    }

    /** One replica on its own. */
    public ServicesReport(ServiceHealth database, ServiceHealth redis, boolean routerInitialized, int routerModels,
                          Set<ServiceName> requiredDown) {
        this(database, redis, routerInitialized, routerModels, requiredDown, CoordinationMode.LOCAL, CoordinationMode.LONE_REPLICA);
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
