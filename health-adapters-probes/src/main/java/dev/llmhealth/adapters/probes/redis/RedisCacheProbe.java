package dev.llmhealth.adapters.probes.redis;

import dev.llmhealth.adapters.probes.support.TimeoutSizedPool;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.port.out.CacheProbe;
import java.time.Duration;
import java.util.Objects;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** Checks Redis with PING, every wait bounded by the check timeout. */
public final class RedisCacheProbe implements CacheProbe, AutoCloseable {

    private final TimeoutSizedPool<JedisPool> pool;

    public RedisCacheProbe(RedisConnectionSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.pool = new TimeoutSizedPool<>(timeout -> open(settings, timeout));
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
            jedis.getConnection().setSoTimeout(millis(remainingMs));
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

    private static JedisPool open(RedisConnectionSettings settings, Duration timeout) {
        int timeoutMs = millis(timeout.toMillis());
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMs)
                .socketTimeoutMillis(timeoutMs)
                .database(settings.database())
                .ssl(settings.ssl())
                // CLIENT SETINFO would be one more round trip a frozen server makes us wait for
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        if (!settings.username().isEmpty()) {
            client.user(settings.username());
        }
        if (settings.hasPassword()) {
            client.password(settings.password());
        }
        GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(2);
        poolConfig.setMaxIdle(2);
        poolConfig.setMinIdle(0);
        poolConfig.setMaxWait(Duration.ofMillis(timeoutMs));
        poolConfig.setJmxEnabled(false);
        return new JedisPool(poolConfig, new HostAndPort(settings.host(), settings.port()), client.build());
    }

    /** At least 1: a socket timeout of 0 would mean "wait forever". */
    private static int millis(long ms) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }

    @Override
    public void close() {
        pool.close();
    }
}
