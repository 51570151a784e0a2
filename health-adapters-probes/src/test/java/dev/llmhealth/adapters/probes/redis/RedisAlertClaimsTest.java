package dev.llmhealth.adapters.probes.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.adapters.probes.testing.TcpFaultProxy;
import dev.llmhealth.adapters.probes.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Once-per-fleet alert claims against the real Redis from {@link TestServices}, each test in a
 * namespace of its own: of all replicas seeing one change, exactly one is told to alert.
 */
class RedisAlertClaimsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final TestServices.Redis redis = TestServices.redis();
    private final String namespace = "test-claims-" + UUID.randomUUID();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            for (String key : jedis.keys(namespace + ":*")) {
                jedis.del(key);
            }
        }
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private RedisAlertClaims replica(String host, int port, String ns) {
        RedisAlertClaims claims = new RedisAlertClaims(new RedisConnectionSettings(host, port, null, null, false), ns, TIMEOUT);
        toClose.add(claims);
        return claims;
    }

    private RedisAlertClaims replica() {
        return replica(redis.host(), redis.port(), namespace);
    }

    @Test
    void theFirstReplicaToSeeAChangeClaimsItAndTheOthersStayQuiet() {
        RedisAlertClaims first = replica();
        RedisAlertClaims second = replica();
        RedisAlertClaims third = replica();

        assertTrue(first.claimChange("db_exceptions:database", "disconnected"), "a subject never seen: this replica alerts");
        assertFalse(second.claimChange("db_exceptions:database", "disconnected"), "already claimed by another replica");
        assertFalse(third.claimChange("db_exceptions:database", "disconnected"));
        assertFalse(first.claimChange("db_exceptions:database", "disconnected"), "nor twice by the same one");

        assertTrue(third.claimChange("db_exceptions:database", "connected"), "the recovery is a change of its own");
        assertFalse(first.claimChange("db_exceptions:database", "connected"));
        assertFalse(second.claimChange("db_exceptions:database", "connected"));

        assertTrue(second.claimChange("db_exceptions:database", "disconnected"), "the next outage is claimed again");
    }

    @Test
    void subjectsAndNamespacesAreIndependent() {
        RedisAlertClaims claims = replica();
        RedisAlertClaims otherFleet = replica(redis.host(), redis.port(), namespace + "-other");

        assertTrue(claims.claimChange("db_exceptions:database", "disconnected"));
        assertTrue(claims.claimChange("db_exceptions:redis", "disconnected"), "another subject");
        assertTrue(claims.claimChange("outage_alerts:gpt-4o", "down"), "another alert type");
        assertTrue(otherFleet.claimChange("db_exceptions:database", "disconnected"), "another fleet shares nothing with this one");
    }

    @Test
    void theClaimIsAKeyInTheNamespaceThatExpiresAfterADay() {
        replica().claimChange("outage_alerts:gpt-4o", "down");

        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            String key = namespace + ":alert:outage_alerts:gpt-4o";
            assertEquals("down", jedis.get(key));
            long ttl = jedis.ttl(key);
            assertTrue(ttl > Duration.ofHours(23).toSeconds() && ttl <= Duration.ofDays(1).toSeconds(), "ttl " + ttl);
        }
    }

    @Test
    void replicasRacingForOneChangeLeaveExactlyOneWinner() throws Exception {
        int replicas = 8;
        List<RedisAlertClaims> fleet = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            fleet.add(replica());
        }
        for (int round = 0; round < 20; round++) {
            String state = round % 2 == 0 ? "down" : "up";
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newFixedThreadPool(replicas)) {
                List<Future<Boolean>> answers = new ArrayList<>();
                for (RedisAlertClaims claims : fleet) {
                    Callable<Boolean> claim = () -> {
                        start.await();
                        return claims.claimChange("outage_alerts:race", state);
                    };
                    answers.add(pool.submit(claim));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> answer : answers) {
                    winners += answer.get() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round + " (" + state + ")");
            }
        }
    }

    @Test
    void anUnreachableRedisLetsThisReplicaAlertRatherThanNobody() throws Exception {
        try (TcpFaultProxy proxy = new TcpFaultProxy(redis.host(), redis.port())) {
            RedisAlertClaims claims = replica(proxy.host(), proxy.port(), namespace);
            assertTrue(claims.claimChange("db_exceptions:database", "disconnected"));
            assertFalse(claims.claimChange("db_exceptions:database", "disconnected"), "through the proxy, Redis answers");

            proxy.setMode(TcpFaultProxy.Mode.REFUSE);
            assertTrue(claims.claimChange("db_exceptions:database", "disconnected"), "a duplicate alert beats none");

            proxy.setMode(TcpFaultProxy.Mode.FREEZE);
            boolean claimed = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> claims.claimChange("db_exceptions:database", "disconnected"), "a hung Redis is bounded by the timeout");
            assertTrue(claimed);
        }
    }
}
