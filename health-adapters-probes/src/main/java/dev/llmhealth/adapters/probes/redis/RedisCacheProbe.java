package dev.llmhealth.adapters.probes.redis;

import dev.llmhealth.adapters.probes.support.TimeoutSizedPool;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.port.out.CacheProbe;
import java.time.Duration;
import java.util.Objects;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** Checks Redis with PING, every wait bounded by the check timeout. */
public final class RedisCacheProbe implements CacheProbe, AutoCloseable {

    private final TimeoutSizedPool<JedisPool> pool;

    public RedisCacheProbe(RedisConnectionSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.pool = new TimeoutSizedPool<>(timeout -> RedisPools.open(settings, timeout));
    }

    @Override
    public ServiceHealth check(Duration timeout) {
        if (!timeout.isPositive()) {
            return ServiceHealth.disconnected("timed out");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Jedis jedis = pool.get(timeout).getResource()) {
            long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMs <= 0) {
                return ServiceHealth.disconnected("timed out");
            }
            // a pooled connection keeps the read timeout it was made with: cap it at the time left
            jedis.getConnection().setSoTimeout(RedisPools.millis(remainingMs));
            long start = System.nanoTime();
            String reply = jedis.ping();
            double latencyMs = (System.nanoTime() - start) / 1_000_000.0;
            return "PONG".equalsIgnoreCase(reply)
                    ? ServiceHealth.connected(latencyMs)
                    : ServiceHealth.disconnected("unexpected reply to PING");
        } catch (Exception failure) {
            return ServiceHealth.disconnected(RedisFailures.reason(failure));
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
