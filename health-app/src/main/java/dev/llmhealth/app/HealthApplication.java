package dev.llmhealth.app;

import dev.llmhealth.embedded.Versions;
import dev.llmhealth.adapters.http.ConnectionCloseFilter;
import dev.llmhealth.adapters.http.AlertTestRoutes;
import dev.llmhealth.adapters.http.HealthRoutes;
import dev.llmhealth.adapters.http.InFlightRequests;
import dev.llmhealth.adapters.http.JsonDirectHandler;
import dev.llmhealth.adapters.http.http10.Http10ConnectionSelector;
import dev.llmhealth.adapters.http.ui.StatusPageRoutes;
import dev.llmhealth.app.config.ProxyConfig;
import dev.llmhealth.adapters.http.passthrough.PassThroughRoutes;
import dev.llmhealth.domain.service.StartupTimeline;
import io.helidon.webserver.WebServer;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running service: one web server, answered by the current {@link HealthCore}. A reload builds
 * a core from the new config (carrying over what the old one knows), switches every route to it in
 * one step, then stops the old one; the server and its connections stay up throughout.
 */
public final class HealthApplication implements AutoCloseable, GracefulShutdown.Target {

    private static final System.Logger LOG = System.getLogger(HealthApplication.class.getName());

    private final Clock clock;
    private final AtomicReference<HealthCore> core;
    private final WebServer server;
    private final InFlightRequests inFlight;
    private boolean draining;

    private HealthApplication(Clock clock, AtomicReference<HealthCore> core, WebServer server, InFlightRequests inFlight) {
        this.clock = clock;
        this.core = core;
        this.server = server;
        this.inFlight = inFlight;
    }

    /**
     * Starts everything; {@code port} 0 picks a free port (tests). The core (its adapters, then its first
     * checks) is built on a thread of its own while this one builds the web server, the two largest
     * steps of a start; the server listens only once the core is there, so no request sees a half-built one.
     */
    public static HealthApplication start(ProxyConfig config, int port, Clock clock) {
        CompletableFuture<HealthCore> starting = new CompletableFuture<>();
        Thread.ofPlatform().name("health-core-start").start(() -> {
            try {
                starting.complete(HealthCore.start(config, clock, Optional.empty()));
            } catch (Throwable failed) {
                starting.completeExceptionally(failed);
            }
        });
        AtomicReference<HealthCore> core = new AtomicReference<>();
        InFlightRequests inFlight = new InFlightRequests();
        WebServer server;
        try {
            server = WebServer.builder()
                    .host(config.host())
                    .port(port)
                    // Helidon's hook would stop the server at once on SIGTERM; Main's GracefulShutdown drains first
                    .shutdownHook(false)
                    // HTTP/1.0 for HAProxy checks, nginx's default proxy_pass, check_http and ab; tried before HTTP/1.1
                    .addConnectionSelector(new Http10ConnectionSelector(() -> core.get().endpoints()))
                    // Helidon's own answers (malformed requests, heads cut short) in the JSON error shape, the client's as 4xx
                    .directHandlers(JsonDirectHandler.directHandlers(() -> core.get().passThrough().clientErrors()))
                    .routing(routing -> routing
                            .addFilter(inFlight)
                            .addFilter(new ConnectionCloseFilter())
                            // the hot paths first: Helidon tries routes in the order they are registered
                            .register(new HealthRoutes(() -> core.get().endpoints(), Versions.OWN))
                            .register(new AlertTestRoutes(() -> core.get().alertTest()))
                            .register(new StatusPageRoutes(() -> core.get().statusPage(), Versions.OWN, true))
                            .register(PassThroughRoutes.reloading(() -> core.get().passThrough()))
                            .any(HealthRoutes.notFound()))
                    .build();
            StartupTimeline.mark("web server built");
        } catch (RuntimeException failed) {
            starting.thenAccept(HealthCore::close);
            throw failed;
        }
        core.set(started(starting));
        StartupTimeline.mark("core built, checks started");
        try {
            server.start();
        } catch (RuntimeException failed) {
            core.get().close();
            throw failed;
        }
        StartupTimeline.mark("web server listening");
        return new HealthApplication(clock, core, server, inFlight);
    }

    /** The core once built, or what its start threw, as it threw it. */
    private static HealthCore started(CompletableFuture<HealthCore> starting) {
        try {
            return starting.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw failed;
        }
    }

    public int port() {
        return server.port();
    }

    /**
     * Switches to {@code next}: its model list, health settings, services and keys. The listening
     * host and port stay (they need a restart, said in the log); this replica keeps its name (in the
     * history and its verdicts); the new core takes the probe leases over once the old one, closed
     * right after the switch, has released them. Passive-health cooldowns and the counters on {@code /metrics} start
     * afresh. When the new config cannot be started, the running one is kept and false answered.
     */
    public synchronized boolean reload(ProxyConfig next) {
        if (draining) {
            LOG.log(System.Logger.Level.WARNING, "config reload ignored: shutting down");
            return false;
        }
        HealthCore running = core.get();
        ProxyConfig current = running.config();
        if (next.port() != current.port() || !next.host().equals(current.host())) {
            LOG.log(System.Logger.Level.WARNING, "config reload: the listening host and port change only with a restart; still on {0}:{1}",
                    current.host(), String.valueOf(server.port()));
        }
        HealthCore fresh;
        try {
            fresh = HealthCore.start(next.withHost(current.host()).withReplicaName(current.replicas().replica()), clock,
                    Optional.of(running));
        } catch (RuntimeException failed) {
            LOG.log(System.Logger.Level.ERROR, "config reload refused: the new config could not be started ({0}); keeping the running one",
                    failed.getClass().getSimpleName());
            return false;
        }
        core.set(fresh);
        running.close();
        LOG.log(System.Logger.Level.INFO, "config reloaded: {0} deployments", String.valueOf(next.models().size()));
        return true;
    }

    /** The first step of a graceful shutdown: readiness answers not_ready, for good (a reload is refused from now on). */
    @Override
    public synchronized void beginDrain() {
        draining = true;
        core.get().beginDrain();
    }

    @Override
    public int requestsInFlight() {
        return inFlight.count();
    }

    @Override
    public void close() {
        server.stop();
        core.get().close();
    }
}
