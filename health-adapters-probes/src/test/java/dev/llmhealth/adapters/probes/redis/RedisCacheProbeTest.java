package dev.llmhealth.adapters.probes.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.adapters.probes.testing.Eventually;
import dev.llmhealth.adapters.probes.testing.TcpFaultProxy;
import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.domain.model.ServiceHealth;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Against the real Redis from {@link TestServices}; faults come from a proxy in between. */
class RedisCacheProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(20);
    private static final String SECRET = "Canary-Redis-Secret-42";

    private final TestServices.Redis redis = TestServices.redis();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    @Test
    void the_real_redis_answers_ping_with_its_latency() {
        // a generous timeout: this checks the answer, not its speed (a JVM's first Jedis connection on a loaded machine can take over 1 s)
        ServiceHealth health = probe(new RedisConnectionSettings(redis.host(), redis.port(), null, null, false)).check(TIMEOUT.multipliedBy(5));

        var connected = assertInstanceOf(ServiceHealth.Connected.class, health);
        assertTrue(connected.latencyMs() >= 0, health.toString());
    }

    @Test
    void a_url_with_a_database_index_connects() {
        RedisCacheProbe probe = probe(RedisConnectionSettings.fromUrl("redis://" + redis.host() + ":" + redis.port() + "/1"));

        assertInstanceOf(ServiceHealth.Connected.class, probe.check(TIMEOUT));
    }

    @ParameterizedTest
    @EnumSource(value = TcpFaultProxy.Mode.class, names = {"FREEZE", "DROP", "REFUSE"})
    void a_faulty_server_is_disconnected_within_the_timeout_and_connected_again_after(TcpFaultProxy.Mode fault) throws Exception {
        TcpFaultProxy proxy = closeLater(new TcpFaultProxy(redis.host(), redis.port()));
        RedisCacheProbe probe = probe(new RedisConnectionSettings(proxy.host(), proxy.port(), "", "", false));
        awaitConnected(probe);

        proxy.setMode(fault);
        // twice: once on the pooled connection, once on a new one
        for (int attempt = 0; attempt < 2; attempt++) {
            long start = System.nanoTime();
            ServiceHealth health = assertTimeoutPreemptively(TIMEOUT.multipliedBy(3), () -> probe.check(TIMEOUT));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertInstanceOf(ServiceHealth.Disconnected.class, health, fault + ": " + health);
            assertTrue(took.compareTo(TIMEOUT.plusSeconds(1)) <= 0, fault + " took " + took.toMillis() + " ms");
        }

        proxy.setMode(TcpFaultProxy.Mode.PASS);
        awaitConnected(probe);
    }

    @Test
    void wrong_credentials_report_authentication_failed_and_never_the_password() {
        RedisCacheProbe probe = probe(new RedisConnectionSettings(redis.host(), redis.port(), "no_such_user", SECRET, false));

        var health = assertInstanceOf(ServiceHealth.Disconnected.class, probe.check(TIMEOUT));

        assertEquals("authentication failed", health.error());
        assertFalse(health.error().contains(SECRET));
    }

    @Test
    void a_closed_port_is_connection_refused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RedisCacheProbe probe = probe(new RedisConnectionSettings("127.0.0.1", closedPort, "", SECRET, false));

        ServiceHealth health = assertTimeoutPreemptively(TIMEOUT.multipliedBy(3), () -> probe.check(TIMEOUT));

        assertEquals(ServiceHealth.disconnected("connection refused"), health);
    }

    @Test
    void a_closed_probe_reports_so_without_throwing() {
        RedisCacheProbe probe = probe(new RedisConnectionSettings(redis.host(), redis.port(), "", "", false));
        probe.close();

        assertEquals(ServiceHealth.disconnected("probe closed"), probe.check(TIMEOUT));
    }

    private RedisCacheProbe probe(RedisConnectionSettings settings) {
        return closeLater(new RedisCacheProbe(settings));
    }

    private static void awaitConnected(RedisCacheProbe probe) {
        Eventually.poll(RECOVERY_DEADLINE, () -> probe.check(TIMEOUT), ServiceHealth.Connected.class::isInstance);
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }
}
