package dev.llmhealth.adapters.probes.support;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * A short reason for a network failure under a client library's exception, by type only: the
 * messages of drivers and clients can quote hosts, users or connection strings.
 */
public final class SocketFailures {

    /** Most specific first: a {@link ConnectException} is also a {@link SocketException}. */
    private static final List<Map.Entry<Class<? extends Throwable>, String>> REASONS = List.of(
            Map.entry(UnknownHostException.class, "unknown host"),
            Map.entry(NoRouteToHostException.class, "no route to host"),
            Map.entry(ConnectException.class, "connection refused"),
            Map.entry(SocketTimeoutException.class, "timed out"),
            Map.entry(SSLException.class, "TLS failed"),
            Map.entry(EOFException.class, "connection lost"),
            Map.entry(SocketException.class, "connection lost"));

    private SocketFailures() {
    }

    /** The reason for the most specific network failure involved, or null when none is. */
    public static String reason(Throwable failure) {
        List<Throwable> involved = involved(failure);
        for (Map.Entry<Class<? extends Throwable>, String> reason : REASONS) {
            if (involved.stream().anyMatch(reason.getKey()::isInstance)) {
                return reason.getValue();
            }
        }
        return null;
    }

    /**
     * The failure, its causes, and what was suppressed along the way (Jedis keeps the failure to
     * connect to each resolved address there).
     */
    public static List<Throwable> involved(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        List<Throwable> pending = new ArrayList<>(List.of(failure));
        while (!pending.isEmpty() && all.size() < 32) {
            Throwable t = pending.remove(0);
            if (all.stream().noneMatch(seen -> seen == t)) {
                all.add(t);
                if (t.getCause() != null) {
                    pending.add(t.getCause());
                }
                pending.addAll(List.of(t.getSuppressed()));
            }
        }
        return all;
    }
}
