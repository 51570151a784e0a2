package dev.llmhealth.adapters.probes.redis;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import javax.net.ssl.SSLException;
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
        List<Throwable> involved = involved(failure);
        // the most specific cause wins: Jedis wraps the socket's own exception, several levels deep
        for (Throwable t : involved) {
            String specific = specific(t);
            if (specific != null) {
                return specific;
            }
        }
        for (Throwable t : involved) {
            if (t instanceof JedisConnectionException || t instanceof SocketException || t instanceof EOFException) {
                return "connection lost";
            }
        }
        return "ping failed (" + failure.getClass().getSimpleName() + ")";
    }

    private static String specific(Throwable t) {
        if (t instanceof UnknownHostException) {
            return "unknown host";
        }
        if (t instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (t instanceof SSLException) {
            return "TLS failed";
        }
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
        return null;
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

    /** The failure, its causes and what was suppressed along the way (Jedis keeps per-address connect failures there). */
    private static List<Throwable> involved(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        List<Throwable> pending = new ArrayList<>(List.of(failure));
        while (!pending.isEmpty() && all.size() < 32) {
            Throwable t = pending.remove(0);
            if (all.stream().anyMatch(seen -> seen == t)) {
                continue;
            }
            all.add(t);
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            pending.addAll(List.of(t.getSuppressed()));
        }
        return all;
    }
}
