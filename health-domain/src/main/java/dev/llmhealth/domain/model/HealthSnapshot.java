package dev.llmhealth.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the endpoints report, as of one moment. Immutable: a new snapshot is published after
 * each service check and each model round, and requests only ever read the latest one.
 *
 * @param configuredDeployments how many deployments the router has (checked or not)
 * @param deployments           the verdicts of deployments checked at least once (unchecked ones are in neither list)
 * @param lastRoundEnded        when the latest model round ended; empty before the first round ends
 * @param databaseInitialized   the database was reached once and the schema applied
 * @param replica               this replica's name (in leases, shared verdicts and the history)
 * @param coordination          whether probing is shared with other replicas right now
 */
public record HealthSnapshot(
        Instant publishedAt,
        ServiceHealth database,
        boolean databaseInitialized,
        ServiceHealth redis,
        int configuredDeployments,
        List<DeploymentHealth> deployments,
        Optional<Instant> lastRoundEnded,
        String replica,
        CoordinationMode coordination) {

    public HealthSnapshot {
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(redis, "redis");
        deployments = List.copyOf(deployments);
        Objects.requireNonNull(lastRoundEnded, "lastRoundEnded");
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(coordination, "coordination");
    }

    /** A single replica's snapshot: probing not shared. */
    public HealthSnapshot(Instant publishedAt, ServiceHealth database, boolean databaseInitialized, ServiceHealth redis,
                          int configuredDeployments, List<DeploymentHealth> deployments, Optional<Instant> lastRoundEnded) {
        this(publishedAt, database, databaseInitialized, redis, configuredDeployments, deployments, lastRoundEnded, CoordinationMode.LONE_REPLICA,
                CoordinationMode.LOCAL);
    }

    /** Before anything has been checked: services unknown count as not yet connected. */
    public static HealthSnapshot initial(Instant now, boolean databaseConfigured, boolean redisConfigured, int configuredDeployments) {
        return initial(now, databaseConfigured, redisConfigured, configuredDeployments, CoordinationMode.LONE_REPLICA, CoordinationMode.LOCAL);
    }

    public static HealthSnapshot initial(Instant now, boolean databaseConfigured, boolean redisConfigured, int configuredDeployments,
                                         String replica, CoordinationMode coordination) {
        return new HealthSnapshot(now,
                databaseConfigured ? ServiceHealth.NOT_CHECKED_YET : ServiceHealth.NOT_CONFIGURED,
                false,
                redisConfigured ? ServiceHealth.NOT_CHECKED_YET : ServiceHealth.NOT_CONFIGURED,
                configuredDeployments, List.of(), Optional.empty(), replica, coordination);
    }

    /**
     * This snapshot carried over to a new configuration (a reload): the verdicts of the deployments
     * still configured (under their new settings), the services that are still configured, and the
     * round that ended, so a reload never turns a ready replica unready or forgets what it knows.
     */
    public HealthSnapshot reconfigured(Instant now, List<Deployment> newDeployments, boolean databaseConfigured, boolean redisConfigured,
                                       CoordinationMode newCoordination) {
        java.util.Map<String, DeploymentHealth> byId = deploymentsById();
        List<DeploymentHealth> kept = new java.util.ArrayList<>();
        for (Deployment deployment : newDeployments) {
            DeploymentHealth verdict = byId.get(deployment.id());
            if (verdict != null) {
                kept.add(verdict.withDeployment(deployment));
            }
        }
        return new HealthSnapshot(now, carried(database, databaseConfigured), databaseConfigured && databaseInitialized,
                carried(redis, redisConfigured), newDeployments.size(), kept, lastRoundEnded, replica, newCoordination);
    }

    private static ServiceHealth carried(ServiceHealth before, boolean configured) {
        if (!configured) {
            return ServiceHealth.NOT_CONFIGURED;
        }
        return before.isConfigured() ? before : ServiceHealth.NOT_CHECKED_YET;
    }

    public boolean routerInitialized() {
        return lastRoundEnded.isPresent();
    }

    public ServiceHealth service(ServiceName name) {
        return switch (name) {
            case DATABASE -> database;
            case REDIS -> redis;
        };
    }

    public HealthSnapshot withServices(Instant now, ServiceHealth newDatabase, boolean newDatabaseInitialized, ServiceHealth newRedis) {
        return new HealthSnapshot(now, newDatabase, newDatabaseInitialized, newRedis, configuredDeployments, deployments, lastRoundEnded,
                replica, coordination);
    }

    public HealthSnapshot withCoordination(CoordinationMode newCoordination) {
        return new HealthSnapshot(publishedAt, database, databaseInitialized, redis, configuredDeployments, deployments, lastRoundEnded,
                replica, newCoordination);
    }

    public HealthSnapshot withRound(Instant roundEnded, int newConfiguredDeployments, List<DeploymentHealth> newDeployments) {
        return new HealthSnapshot(roundEnded, database, databaseInitialized, redis, newConfiguredDeployments, newDeployments,
                Optional.of(roundEnded), replica, coordination);
    }

    /** Replaces the verdicts of the given deployments (adding those not checked before); the round stays as it was. */
    public HealthSnapshot withVerdicts(Instant now, List<DeploymentHealth> verdicts) {
        java.util.Map<String, DeploymentHealth> byId = new java.util.LinkedHashMap<>();
        for (DeploymentHealth current : deployments) {
            byId.put(current.deployment().id(), current);
        }
        for (DeploymentHealth verdict : verdicts) {
            byId.put(verdict.deployment().id(), verdict);
        }
        return new HealthSnapshot(now, database, databaseInitialized, redis, configuredDeployments, List.copyOf(byId.values()), lastRoundEnded,
                replica, coordination);
    }

    /** The verdicts by deployment id: for callers that look up many deployments (a linear search each would be quadratic). */
    public java.util.Map<String, DeploymentHealth> deploymentsById() {
        java.util.Map<String, DeploymentHealth> byId = new java.util.HashMap<>(deployments.size() * 2);
        for (DeploymentHealth verdict : deployments) {
            byId.put(verdict.deployment().id(), verdict);
        }
        return byId;
    }

    public Optional<DeploymentHealth> deployment(String deploymentId) {
        return deployments.stream().filter(d -> d.deployment().id().equals(deploymentId)).findFirst();
    }
}
