package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.HealthSettings;
import dev.llmhealth.domain.model.HealthTiming;
import dev.llmhealth.domain.port.out.RouterState;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the three check workflows (the scheduled round, the recheck of unhealthy deployments, the
 * check on request) share: the deployments, the snapshot, the probing, the verdicts, the other
 * replicas, and one lock, so two of them never start from the same previous verdict.
 */
record CheckContext(RouterState router, SnapshotStore store, HealthSettings settings, HealthTiming timing, Clock clock,
                    ProbeExecution execution, VerdictPublisher verdicts, SharedProbing sharing, ReentrantLock oneCheckAtATime) {
}
