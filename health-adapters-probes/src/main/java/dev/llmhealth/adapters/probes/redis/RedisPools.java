package dev.llmhealth.adapters.probes.redis;

import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** Small Jedis pools whose every wait (connect, read, borrow) is bounded by the caller's timeout. */
final class RedisPools {

    private RedisPools() {
    }

    static JedisPool open(RedisConnectionSettings settings, Duration timeout) {
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
    static int millis(long ms) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }
}
