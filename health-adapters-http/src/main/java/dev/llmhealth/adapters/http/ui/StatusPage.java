package dev.llmhealth.adapters.http.ui;

import dev.llmhealth.adapters.http.HealthResponses;
import dev.llmhealth.adapters.http.HttpAnswer;
import dev.llmhealth.adapters.http.MasterKeyAccess;
import dev.llmhealth.domain.port.in.GetRecentLatenciesQuery;
import dev.llmhealth.domain.port.in.GetUptimeQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The status page's answers, with no server framework involved: the page itself (one HTML file with
 * its CSS and script inline, every URL in it relative, so it works under a host's prefix), its state
 * for polling, {@code /health/uptime}, and the live feed. Who sees what follows the master key as
 * {@code /health} does: without it, only the status.
 */
public final class StatusPage implements AutoCloseable {

    public static final String HTML = "text/html; charset=utf-8";
    private static final byte[] PAGE = load("status-page.html");

    private final HttpAnswer page = new HttpAnswer(200, HTML, PAGE);
    private final MasterKeyAccess access;
    private final LiveState state;
    private final UptimeResponses uptime;
    private final LiveEvents events;

    /**
     * @param events told of transitions by the caller's recorder; from now on it also watches the state
     */
    public StatusPage(HealthResponses responses, GetUptimeQuery uptime, GetRecentLatenciesQuery latencies, MasterKeyAccess access,
                      LiveEvents events) {
        this.access = access;
        this.state = new LiveState(responses, latencies);
        this.uptime = new UptimeResponses(uptime);
        this.events = events;
        events.watch(state);
    }

    public HttpAnswer page() {
        return page;
    }

    /** The page's whole state as the feed's {@code snapshot} event carries it (the polling fallback). */
    public HttpAnswer state(Optional<String> authorization) {
        return HttpAnswer.json(200, allowed(authorization) ? state.full() : state.statusOnly());
    }

    public HttpAnswer uptime(Optional<String> authorization, Optional<String> window, Optional<String> model) {
        return allowed(authorization) ? uptime.uptime(window, model) : unauthorized();
    }

    /** A listener of the live feed: with the key (or none set) it hears everything, else status changes only. */
    public LiveEvents.Subscription subscribe(Optional<String> authorization) {
        return events.subscribe(allowed(authorization));
    }

    /** A graceful shutdown began: live streams end, so none holds it up. */
    public void drain() {
        events.drain();
    }

    private boolean allowed(Optional<String> authorization) {
        return access.isOpen() || access.allows(authorization);
    }

    static HttpAnswer unauthorized() {
        return HealthResponses.error(401, "auth_error", "Authentication required: send Authorization: Bearer <master key>");
    }

    @Override
    public void close() {
        events.close();
    }

    private static byte[] load(String name) {
        try (InputStream in = StatusPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the status page " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
