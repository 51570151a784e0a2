package dev.llmhealth.adapters.probes.redis;

import dev.llmhealth.domain.port.out.AlertClaims;
import java.time.Duration;
import java.util.Objects;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.params.SetParams;

/**
 * Once-per-fleet alerts through Redis: {@code SET key state GET} swaps a subject's state and answers
 * the one before, atomically, so of all replicas seeing the same change only the first sees another
 * state come back. Keys expire after a day without change, so a forgotten subject leaves nothing behind.
 * An unreachable Redis answers "claimed": the alert goes out from every replica rather than from none.
 */
public final class RedisAlertClaims implements AlertClaims, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisAlertClaims.class.getName());
    private static final long TTL_SECONDS = Duration.ofDays(1).toSeconds();

    private final JedisPool pool;
    private final String keyPrefix;

    /** @param namespace the probe coordination namespace: replicas that share probes share alert claims */
    public RedisAlertClaims(RedisConnectionSettings settings, String namespace, Duration timeout) {
        Objects.requireNonNull(namespace, "namespace");
        this.pool = RedisPools.open(settings, timeout);
        this.keyPrefix = namespace + ":alert:";
    }

    @Override
    public boolean claimChange(String subject, String state) {
        try (Jedis jedis = pool.getResource()) {
            String before = jedis.setGet(keyPrefix + subject, state, SetParams.setParams().ex(TTL_SECONDS));
            return !state.equals(before);
        } catch (RuntimeException unreachable) {
            LOG.log(System.Logger.Level.WARNING, "alerts: Redis could not settle who alerts {0} ({1}); this replica alerts",
                    subject, RedisFailures.reason(unreachable));
            return true;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
