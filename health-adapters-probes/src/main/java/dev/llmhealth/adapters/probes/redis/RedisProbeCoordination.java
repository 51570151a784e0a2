package dev.llmhealth.adapters.probes.redis;

import dev.llmhealth.adapters.probes.support.TimeoutSizedPool;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.SharedVerdict;
import dev.llmhealth.domain.port.out.ProbeCoordination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Probe leases and shared verdicts in Redis. A lease is a key holding this instance's token (the
 * replica's name and a random suffix: two instances, such as the old and the new core of a reload or
 * two pods given one name, never take each other's leases for their own) with a TTL:
 * taken with {@code SET NX PX}, renewed by its holder, lost by TTL when the holder dies. All leases of
 * a round are taken in one atomic script (one round trip for a thousand deployments); verdicts are
 * JSON strings read with one {@code MGET}. Every call is bounded by the timeout; any failure answers
 * "unreachable" (empty), never an exception, and never a message (it could carry the password).
 */
public final class RedisProbeCoordination implements ProbeCoordination, AutoCloseable {

    /** For each lease key: take it if free, renew it if ours; answers 1 (ours now) or 0 (another replica's). */
    private static final String ACQUIRE_OR_RENEW = """
            local ours = {}
            for i, key in ipairs(KEYS) do
              if redis.call('SET', key, ARGV[1], 'NX', 'PX', ARGV[2]) then
                ours[i] = 1
              elseif redis.call('GET', key) == ARGV[1] then
                redis.call('PEXPIRE', key, ARGV[2])
                ours[i] = 1
              else
                ours[i] = 0
              end
            end
            return ours
            """;

    /**
     * Writes each verdict unless the stored one is as new or newer (by {@code last_check}): a late
     * publish, or one from a replica that probed without its lease, never overwrites a fresher verdict.
     * KEYS: the verdict keys; ARGV[1]: the TTL; ARGV[1+i]: verdict i as JSON; ARGV[1+n+i]: its last_check.
     */
    private static final String PUBLISH_IF_NEWER = """
            local n = #KEYS
            for i, key in ipairs(KEYS) do
              local stored = redis.call('GET', key)
              local newer = true
              if stored then
                local ok, verdict = pcall(cjson.decode, stored)
                if ok and type(verdict) == 'table' and tonumber(verdict['last_check'])
                    and tonumber(verdict['last_check']) >= tonumber(ARGV[1 + n + i]) then
                  newer = false
                end
              end
              if newer then
                redis.call('SET', key, ARGV[1 + i], 'PX', ARGV[1])
              end
            end
            return 0
            """;

    /** Gives up the leases still held by this replica, so a replica that stops (or restarts) hands them on at once. */
    private static final String RELEASE_OURS = """
            for i, key in ipairs(KEYS) do
              if redis.call('GET', key) == ARGV[1] then
                redis.call('DEL', key)
              end
            end
            return 0
            """;

    private static final System.Logger LOG = System.getLogger(RedisProbeCoordination.class.getName());

    private final String replica;
    private final String leaseToken;
    private final String keyPrefix;
    private final Duration timeout;
    private final Duration verdictTtl;
    private final TimeoutSizedPool<JedisPool> pool;
    private volatile Set<String> held = Set.of();

    /**
     * @param namespace  keeps two proxy fleets on one Redis apart (keys {@code <namespace>:lease:<id>}, {@code <namespace>:verdict:<id>})
     * @param timeout    the bound of every call
     * @param verdictTtl how long a shared verdict outlives its last update (a removed deployment's verdict goes away by itself)
     */
    public RedisProbeCoordination(RedisConnectionSettings settings, String replica, String namespace, Duration timeout,
                                  Duration verdictTtl) {
        Objects.requireNonNull(settings, "settings");
        this.replica = Objects.requireNonNull(replica, "replica");
        this.leaseToken = replica + "#" + java.util.HexFormat.of().formatHex(randomBytes());
        this.keyPrefix = Objects.requireNonNull(namespace, "namespace") + ":";
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.verdictTtl = Objects.requireNonNull(verdictTtl, "verdictTtl");
        this.pool = new TimeoutSizedPool<>(t -> RedisPools.open(settings, t));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @Override
    public String replica() {
        return replica;
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public Optional<Set<String>> acquireLeases(Collection<String> deploymentIds, Duration ttl) {
        List<String> ids = List.copyOf(deploymentIds);
        if (ids.isEmpty()) {
            return Optional.of(Set.of());
        }
        return call("take probe leases", jedis -> {
            List<String> keys = ids.stream().map(id -> keyPrefix + "lease:" + id).toList();
            Object reply = jedis.eval(ACQUIRE_OR_RENEW, keys, List.of(leaseToken, String.valueOf(Math.max(1, ttl.toMillis()))));
            List<?> ours = (List<?>) reply;
            Set<String> won = new HashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                if (Long.valueOf(1L).equals(ours.get(i))) {
                    won.add(ids.get(i));
                }
            }
            Set<String> nowHeld = new HashSet<>(held);
            nowHeld.removeAll(ids);
            nowHeld.addAll(won);
            held = Set.copyOf(nowHeld);
            return won;
        });
    }

    @Override
    public Optional<Map<String, SharedVerdict>> verdicts(Collection<String> deploymentIds) {
        List<String> ids = List.copyOf(deploymentIds);
        if (ids.isEmpty()) {
            return Optional.of(Map.of());
        }
        return call("read shared verdicts", jedis -> {
            List<String> values = jedis.mget(ids.stream().map(id -> keyPrefix + "verdict:" + id).toArray(String[]::new));
            Map<String, SharedVerdict> found = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                SharedVerdictJson.read(values.get(i)).ifPresent(v -> found.put(id, v));
            }
            return found;
        });
    }

    @Override
    public boolean publish(List<DeploymentHealth> verdicts) {
        if (verdicts.isEmpty()) {
            return true;
        }
        return call("publish verdicts", jedis -> {
            List<String> keys = new ArrayList<>(verdicts.size());
            List<String> json = new ArrayList<>(verdicts.size());
            List<String> lastChecks = new ArrayList<>(verdicts.size());
            for (DeploymentHealth verdict : verdicts) {
                keys.add(keyPrefix + "verdict:" + verdict.deployment().id());
                json.add(SharedVerdictJson.write(SharedVerdict.of(verdict, replica)));
                lastChecks.add(String.valueOf(verdict.lastCheck().toEpochMilli()));
            }
            List<String> args = new ArrayList<>(1 + 2 * verdicts.size());
            args.add(String.valueOf(verdictTtl.toMillis()));
            args.addAll(json);
            args.addAll(lastChecks);
            return jedis.eval(PUBLISH_IF_NEWER, keys, args);
        }).isPresent();
    }

    private <T> Optional<T> call(String what, java.util.function.Function<Jedis, T> work) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Jedis jedis = pool.get(timeout).getResource()) {
            long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMs <= 0) {
                return Optional.empty();
            }
            jedis.getConnection().setSoTimeout(RedisPools.millis(remainingMs));
            return Optional.of(work.apply(jedis));
        } catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.DEBUG, "could not {0}: {1}", what, RedisFailures.reason(failure));
            return Optional.empty();
        }
    }

    /** Releases this replica's leases (bounded by the timeout), then closes the pool. */
    @Override
    public void close() {
        List<String> keys = held.stream().map(id -> keyPrefix + "lease:" + id).toList();
        if (!keys.isEmpty()) {
            call("release probe leases", jedis -> jedis.eval(RELEASE_OURS, keys, List.of(leaseToken)));
        }
        pool.close();
    }
}
