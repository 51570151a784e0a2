package dev.llmhealth.adapters.probes.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.adapters.probes.testing.Eventually;
import dev.llmhealth.adapters.probes.testing.TcpFaultProxy;
import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.DeploymentState;
import dev.llmhealth.domain.model.EvidenceSource;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.SharedVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Leases and shared verdicts against the real Redis from {@link TestServices}; each test in a namespace of its own. */
class RedisProbeCoordinationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final TestServices.Redis redis = TestServices.redis();
    private final String namespace = "test-" + UUID.randomUUID();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private RedisProbeCoordination replica(String name, String host, int port) {
        RedisProbeCoordination coordination = new RedisProbeCoordination(new RedisConnectionSettings(host, port, null, null, false),
                name, namespace, TIMEOUT, Duration.ofMinutes(5));
        toClose.add(coordination);
        return coordination;
    }

    private RedisProbeCoordination replica(String name) {
        return replica(name, redis.host(), redis.port());
    }

    @Test
    void one_replica_wins_each_lease_and_its_holder_renews_it() {
        RedisProbeCoordination first = replica("r1");
        RedisProbeCoordination second = replica("r2");
        Duration ttl = Duration.ofSeconds(30);

        assertEquals(Optional.of(Set.of("a", "b")), first.acquireLeases(List.of("a", "b"), ttl));
        assertEquals(Optional.of(Set.of("c")), second.acquireLeases(List.of("a", "b", "c"), ttl), "a and b are r1's");
        assertEquals(Optional.of(Set.of("a", "b")), first.acquireLeases(List.of("a", "b", "c"), ttl), "r1 renews its own");
    }

    @Test
    void a_lease_whose_holder_stops_renewing_it_moves_after_its_ttl() {
        RedisProbeCoordination first = replica("r1");
        RedisProbeCoordination second = replica("r2");
        first.acquireLeases(List.of("a"), Duration.ofMillis(300));
        assertEquals(Optional.of(Set.of()), second.acquireLeases(List.of("a"), Duration.ofSeconds(30)));

        Optional<Set<String>> taken = Eventually.poll(Duration.ofSeconds(10),
                () -> second.acquireLeases(List.of("a"), Duration.ofSeconds(30)), won -> won.equals(Optional.of(Set.of("a"))));
        assertEquals(Optional.of(Set.of("a")), taken);
    }

    @Test
    void a_replica_that_closes_hands_its_leases_on_at_once() {
        RedisProbeCoordination first = new RedisProbeCoordination(new RedisConnectionSettings(redis.host(), redis.port(), null, null, false),
                "r1", namespace, TIMEOUT, Duration.ofMinutes(5));
        RedisProbeCoordination second = replica("r2");
        assertEquals(Optional.of(Set.of("a", "b")), first.acquireLeases(List.of("a", "b"), Duration.ofMinutes(5)));
        assertEquals(Optional.of(Set.of("c")), second.acquireLeases(List.of("c"), Duration.ofMinutes(5)));

        first.close();

        assertEquals(Optional.of(Set.of("a", "b", "c")), second.acquireLeases(List.of("a", "b", "c"), Duration.ofMinutes(5)),
                "r1's leases are free, r2's own untouched");
    }

    @Test
    void two_instances_under_one_replica_name_never_share_a_lease() {
        // a reload's old and new core, or two pods given the same LLM_HEALTH_REPLICA
        RedisProbeCoordination old = replica("r1");
        RedisProbeCoordination reloaded = replica("r1");
        assertEquals(Optional.of(Set.of("a")), old.acquireLeases(List.of("a"), Duration.ofMinutes(5)));
        assertEquals(Optional.of(Set.of()), reloaded.acquireLeases(List.of("a"), Duration.ofMinutes(5)));

        old.close();

        assertEquals(Optional.of(Set.of("a")), reloaded.acquireLeases(List.of("a"), Duration.ofMinutes(5)), "released by the old, taken by the new");
    }

    @Test
    void a_verdict_and_its_flap_counters_read_back_as_published() {
        RedisProbeCoordination first = replica("r1");
        RedisProbeCoordination second = replica("r2");
        Instant at = Instant.parse("2026-12-01T07:00:00.123Z");
        Deployment deployment = new Deployment("a", "gpt-4", "http://127.0.0.1:1/v1", ProbeMode.MODELS);
        DeploymentHealth verdict = new DeploymentHealth(deployment, DeploymentState.UNHEALTHY, EvidenceSource.PROBE, at,
                at.minusSeconds(60), Optional.of("HTTP 500 from upstream"), Optional.empty(), 4, 0, Optional.of(at.minusSeconds(90)));

        assertTrue(first.publish(List.of(verdict)));
        Map<String, SharedVerdict> read = second.verdicts(List.of("a", "never-published")).orElseThrow();

        assertEquals(Map.of("a", SharedVerdict.of(verdict, "r1")), read);
        assertEquals(verdict, read.get("a").toHealth(deployment));
    }

    @Test
    void an_older_verdict_never_overwrites_a_newer_one() {
        RedisProbeCoordination first = replica("r1");
        RedisProbeCoordination late = replica("r2");
        Instant at = Instant.parse("2026-12-01T07:00:00Z");
        Deployment deployment = new Deployment("a", "gpt-4", "http://127.0.0.1:1/v1", ProbeMode.MODELS);
        DeploymentHealth newer = new DeploymentHealth(deployment, DeploymentState.HEALTHY, EvidenceSource.PROBE, at, at,
                Optional.empty(), Optional.empty(), 0, 3, Optional.of(at));
        DeploymentHealth older = new DeploymentHealth(deployment, DeploymentState.UNHEALTHY, EvidenceSource.PROBE, at.minusSeconds(30),
                at.minusSeconds(30), Optional.of("HTTP 500"), Optional.empty(), 1, 0, Optional.empty());

        assertTrue(first.publish(List.of(newer)));
        assertTrue(late.publish(List.of(older)), "a refused overwrite is not a failure");
        assertEquals(SharedVerdict.of(newer, "r1"), first.verdicts(List.of("a")).orElseThrow().get("a"));

        DeploymentHealth newest = new DeploymentHealth(deployment, DeploymentState.UNHEALTHY, EvidenceSource.PROBE, at.plusSeconds(30),
                at.plusSeconds(30), Optional.of("HTTP 500"), Optional.empty(), 1, 0, Optional.of(at));
        assertTrue(late.publish(List.of(newest)));
        assertEquals(SharedVerdict.of(newest, "r2"), first.verdicts(List.of("a")).orElseThrow().get("a"));
    }

    @ParameterizedTest
    @EnumSource(value = TcpFaultProxy.Mode.class, names = {"FREEZE", "DROP", "REFUSE"})
    void an_unreachable_redis_answers_empty_within_the_timeout_and_works_again_after(TcpFaultProxy.Mode fault) throws Exception {
        TcpFaultProxy proxy = new TcpFaultProxy(redis.host(), redis.port());
        toClose.add(proxy);
        RedisProbeCoordination coordination = replica("r1", proxy.host(), proxy.port());
        Eventually.poll(Duration.ofSeconds(20), () -> coordination.acquireLeases(List.of("a"), Duration.ofSeconds(30)), Optional::isPresent);

        proxy.setMode(fault);
        // the bound is the timeout; three times it (plus a connect) on a shared machine
        assertTimeoutPreemptively(TIMEOUT.multipliedBy(4), () -> {
            assertEquals(Optional.empty(), coordination.acquireLeases(List.of("a"), Duration.ofSeconds(30)));
            assertEquals(Optional.empty(), coordination.verdicts(List.of("a")));
        });

        proxy.setMode(TcpFaultProxy.Mode.PASS);
        Optional<Set<String>> back = Eventually.poll(Duration.ofSeconds(20),
                () -> coordination.acquireLeases(List.of("a"), Duration.ofSeconds(30)), Optional::isPresent);
        assertEquals(Optional.of(Set.of("a")), back, "the lease it held is still its own");
    }
}
