package dev.llmhealth.app.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How this replica works with the others and keeps its history.
 *
 * @param replica          this replica's name ({@code LLM_HEALTH_REPLICA}; default the host name plus a random suffix)
 * @param shareProbes      {@code probe_coordination: redis} (the default when Redis is configured): leases and verdicts in Redis
 * @param namespace        {@code probe_coordination_namespace}: the Redis key prefix, so two fleets on one Redis stay apart
 * @param historyRetention {@code health_history_retention_days}: how long transitions are kept in PostgreSQL
 * @param historyCapacity  {@code health_history_buffer}: transitions held in memory while the database is down
 */
public record ReplicaSettings(String replica, boolean shareProbes, String namespace, Duration historyRetention, int historyCapacity) {

    public static final String DEFAULT_NAMESPACE = "llm-health";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    public static final int DEFAULT_HISTORY_CAPACITY = 10_000;

    public ReplicaSettings {
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(historyRetention, "historyRetention");
    }

    public static ReplicaSettings defaults(String replica) {
        return new ReplicaSettings(replica, true, DEFAULT_NAMESPACE, DEFAULT_RETENTION, DEFAULT_HISTORY_CAPACITY);
    }
}
