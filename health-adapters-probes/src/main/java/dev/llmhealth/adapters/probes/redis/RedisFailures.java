package dev.llmhealth.adapters.probes.redis;

import dev.llmhealth.adapters.probes.support.SocketFailures;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** Turns a Jedis failure into a short reason; never the client's message. */
final class RedisFailures {

    private RedisFailures() {
    }

    static String reason(Throwable failure) {
        if (failure instanceof IllegalStateException) {
            return "probe closed";
        }
        String network = SocketFailures.reason(failure);
        if (network != null) {
            return network;
        }
        List<Throwable> involved = SocketFailures.involved(failure);
        for (Throwable t : involved) {
            if (t instanceof JedisAccessControlException) {
                return "authentication failed";
            }
            if (t instanceof JedisDataException) {
                return fromServerError(String.valueOf(t.getMessage()));
            }
            // the pool's wait for a free connection ran out
            if (t instanceof NoSuchElementException && t.getCause() == null) {
                return "timed out";
            }
        }
        // e.g. "unexpected end of stream": the server closed the connection
        if (involved.stream().anyMatch(JedisConnectionException.class::isInstance)) {
            return "connection lost";
        }
        return "ping failed (" + failure.getClass().getSimpleName() + ")";
    }

    /** Only the error code Redis put first, which carries no data. */
    private static String fromServerError(String message) {
        String code = message.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        return switch (code) {
            case "NOAUTH", "WRONGPASS", "NOPERM" -> "authentication failed";
            case "LOADING" -> "Redis is loading its dataset";
            case "BUSY" -> "Redis is busy";
            case "MASTERDOWN" -> "Redis master is down";
            default -> code.matches("[A-Z]{2,16}") ? "Redis error " + code : "Redis error";
        };
    }
}
