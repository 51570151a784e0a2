package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ModelHealthReport;
import dev.llmhealth.domain.model.ProxyHealth;
import dev.llmhealth.domain.model.Readiness;
import dev.llmhealth.domain.model.ServicesReport;
import dev.llmhealth.domain.policy.AggregationPolicy;
import dev.llmhealth.domain.policy.ReadinessPolicy;
import dev.llmhealth.domain.port.in.BeginDrainUseCase;
import dev.llmhealth.domain.port.in.GetLivenessQuery;
import dev.llmhealth.domain.port.in.GetModelHealthQuery;
import dev.llmhealth.domain.port.in.GetProxyHealthQuery;
import dev.llmhealth.domain.port.in.GetReadinessQuery;
import dev.llmhealth.domain.port.in.GetServiceHealthQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers every read from the latest snapshot. The views are computed once per snapshot (and once
 * more if the checks stall) and the same instances handed out until then, so an adapter can cache
 * their serialized form by identity and a request costs no per-deployment work.
 */
public final class HealthQueryService implements GetProxyHealthQuery, GetReadinessQuery, GetLivenessQuery,
        GetModelHealthQuery, GetServiceHealthQuery, BeginDrainUseCase {

    private record Views(HealthSnapshot snapshot, boolean stalled, boolean draining, ProxyHealth health, Readiness readiness,
                         ModelHealthReport models, ServicesReport services) {
    }

    private final SnapshotStore store;
    private final AggregationPolicy aggregation;
    private final ReadinessPolicy readinessPolicy = new ReadinessPolicy();
    private final Clock clock;
    private volatile Views views;
    private volatile boolean draining;

    public HealthQueryService(SnapshotStore store, AggregationPolicy aggregation, Clock clock) {
        this.store = store;
        this.aggregation = aggregation;
        this.clock = clock;
    }

    private Views views() {
        HealthSnapshot snapshot = store.current();
        boolean stalled = aggregation.stalled(snapshot, store.startedAt(), clock.instant());
        boolean drainingNow = draining;
        Views cached = views;
        if (cached != null && cached.snapshot() == snapshot && cached.stalled() == stalled && cached.draining() == drainingNow) {
            return cached;
        }
        ProxyHealth health = aggregation.evaluate(snapshot, store.startedAt(), clock.instant());
        Views fresh = new Views(snapshot, stalled, drainingNow, health, readinessPolicy.evaluate(snapshot, drainingNow),
                new ModelHealthReport(health.healthy(), health.unhealthy()),
                new ServicesReport(snapshot.database(), snapshot.redis(), snapshot.routerInitialized(),
                        snapshot.configuredDeployments(), aggregation.requiredServicesDown(snapshot),
                        snapshot.coordination(), snapshot.replica()));
        views = fresh;
        if (fresh.readiness().ready()) {
            StartupTimeline.mark("readiness answers ready");
        }
        return fresh;
    }

    @Override
    public ProxyHealth proxyHealth() {
        return views().health();
    }

    /** Readiness turns {@code not_ready} at once (the next read recomputes the views); nothing else changes. */
    @Override
    public void beginDrain() {
        draining = true;
    }

    @Override
    public Readiness readiness() {
        return views().readiness();
    }

    @Override
    public boolean alive() {
        return !views().stalled();
    }

    @Override
    public ModelHealthReport modelHealth() {
        return views().models();
    }

    @Override
    public ModelHealthReport modelHealth(String modelName) {
        ModelHealthReport all = modelHealth();
        return new ModelHealthReport(only(all.healthy(), modelName), only(all.unhealthy(), modelName));
    }

    @Override
    public ServicesReport services() {
        return views().services();
    }

    private static List<DeploymentHealth> only(List<DeploymentHealth> deployments, String modelName) {
        List<DeploymentHealth> matching = new ArrayList<>();
        for (DeploymentHealth deployment : deployments) {
            if (deployment.deployment().modelName().equals(modelName)) {
                matching.add(deployment);
            }
        }
        return matching;
    }
}
