package dev.llmhealth.domain.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Caps probes in flight: globally, and per upstream {@code host:port} so one small box (an Ollama
 * server, say) never receives dozens of parallel probes. Within a {@link Round} each host also has
 * a reserved {@link FairShare} of the global cap: however many permits hung hosts hold, a healthy
 * host's probes find their share free at once (while a round has no more hosts than the global cap:
 * beyond that every host still reserves one permit, and the reservations outnumber the cap). Permits nobody has reserved, or no longer needs, may
 * be borrowed by any host up to the per-host cap, so the global cap stays in use when hosts differ.
 * A probe waiting for a permit holds none.
 */
final class ProbeLimits {

    private final int global;
    private final int perHost;
    private final ReentrantLock lock = new ReentrantLock();
    // all guarded by the lock
    private final Map<String, Integer> inFlightByHost = new HashMap<>();
    private final List<Round> rounds = new ArrayList<>();
    private int inFlight;

    ProbeLimits(int global, int perHost) {
        this.global = global;
        this.perHost = perHost;
    }

    /**
     * The limits as seen by one round of probes, which ends by {@code deadline} ({@link System#nanoTime()}
     * based): a host appears in {@code hostOfEachProbe} once per probe it is to receive.
     */
    Round round(Collection<String> hostOfEachProbe, long deadline) {
        Map<String, Integer> probesByHost = new LinkedHashMap<>();
        hostOfEachProbe.forEach(host -> probesByHost.merge(host, 1, Integer::sum));
        Map<String, HostInRound> hosts = new LinkedHashMap<>();
        FairShare.of(global, perHost, probesByHost)
                .forEach((host, share) -> hosts.put(host, new HostInRound(host, share, probesByHost.get(host), lock.newCondition())));
        Round round = new Round(hosts, deadline);
        locked(() -> {
            rounds.add(round);
            return 0;
        });
        return round;
    }

    /** Probes holding a permit now, in all rounds. */
    int inFlight() {
        return locked(() -> inFlight);
    }

    /** Probes waiting for a permit now, in all rounds. */
    int waiting() {
        return locked(() -> rounds.stream().flatMap(r -> r.hosts.values().stream()).mapToInt(h -> h.waiting).sum());
    }

    private int locked(IntSupplier read) {
        lock.lock();
        try {
            return read.getAsInt();
        } finally {
            lock.unlock();
        }
    }

    /** Permits reserved for probes not started yet, in all live rounds; forgets rounds that are over. */
    private int unusedReservations() {
        rounds.removeIf(Round::over);
        int unused = 0;
        for (Round round : rounds) {
            for (HostInRound host : round.hosts.values()) {
                unused += host.unusedReservation();
            }
        }
        return unused;
    }

    private boolean mayStart(HostInRound host, int unusedReservations) {
        if (inFlight >= global || inFlightByHost.getOrDefault(host.name, 0) >= perHost) {
            return false;
        }
        // within its share a host waits for nobody; beyond it, it borrows only what nobody has reserved
        return host.inFlight < host.reservation() || global - inFlight - unusedReservations > 0;
    }

    /** Permits were freed or reservations shrank: wakes waiting hosts that may start now, fewest in flight first. */
    private void wakeEligible() {
        int free = global - inFlight;
        if (free <= 0) {
            return;
        }
        int unused = unusedReservations();
        List<HostInRound> eligible = new ArrayList<>();
        for (Round round : rounds) {
            for (HostInRound host : round.hosts.values()) {
                if (host.waiting > 0 && mayStart(host, unused)) {
                    eligible.add(host);
                }
            }
        }
        eligible.sort(Comparator.comparingInt(host -> host.inFlight));
        for (int i = 0; i < eligible.size() && i < free; i++) {
            eligible.get(i).turn.signal();
        }
    }

    /** One round's probes. Nothing to close: a round is forgotten once its deadline has passed or all its probes are done. */
    final class Round {
        private final Map<String, HostInRound> hosts;
        private final long deadline;

        private Round(Map<String, HostInRound> hosts, long deadline) {
            this.hosts = hosts;
            this.deadline = deadline;
        }

        /** Waits for a permit for one probe of this host, until the round's deadline. */
        Permit acquire(String hostName) throws InterruptedException {
            HostInRound host = hosts.get(hostName);
            if (host == null) {
                throw new IllegalArgumentException("no probe of this host was announced for the round: " + hostName);
            }
            lock.lock();
            try {
                if (!awaitTurn(host)) {
                    return Permit.DENIED;
                }
                inFlight++;
                inFlightByHost.merge(host.name, 1, Integer::sum);
                host.inFlight++;
                if (host.waiting > 0) {
                    host.turn.signal(); // the next probe of this host may fit as well
                }
                return new Permit(() -> finish(host));
            } finally {
                lock.unlock();
            }
        }

        private boolean awaitTurn(HostInRound host) throws InterruptedException {
            host.waiting++;
            try {
                while (!mayStart(host, unusedReservations())) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        giveUp(host);
                        return false;
                    }
                    host.turn.awaitNanos(left);
                }
                return true;
            } catch (InterruptedException interrupted) {
                giveUp(host);
                throw interrupted;
            } finally {
                host.waiting--;
            }
        }

        /** This probe will not run: its host needs one permit less, which others may borrow. */
        private void giveUp(HostInRound host) {
            host.remaining--;
            wakeEligible();
        }

        private void finish(HostInRound host) {
            lock.lock();
            try {
                inFlight--;
                inFlightByHost.merge(host.name, -1, (held, minusOne) -> held + minusOne == 0 ? null : held + minusOne);
                host.inFlight--;
                host.remaining--;
                wakeEligible();
            } finally {
                lock.unlock();
            }
        }

        private boolean over() {
            return System.nanoTime() - deadline >= 0 || hosts.values().stream().allMatch(h -> h.remaining == 0);
        }
    }

    /** One host's probes within one round. Guarded by the lock. */
    private static final class HostInRound {
        final String name;
        final int share;
        final Condition turn;
        int remaining;
        int inFlight;
        int waiting;

        HostInRound(String name, int share, int probes, Condition turn) {
            this.name = name;
            this.share = share;
            this.remaining = probes;
            this.turn = turn;
        }

        /** No host keeps more permits reserved than it has probes left to run. */
        int reservation() {
            return Math.min(share, remaining);
        }

        int unusedReservation() {
            return Math.max(0, reservation() - inFlight);
        }
    }

    record Permit(Runnable release) implements AutoCloseable {
        static final Permit DENIED = new Permit(null);

        boolean granted() {
            return release != null;
        }

        @Override
        public void close() {
            if (release != null) {
                release.run();
            }
        }
    }
}
