package dev.llmhealth.adapters.probes.models;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} built on its first use, not when the service starts: building one starts a
 * selector thread and sets up TLS (the trust store or the CA bundle, some 300 classes), which the
 * first ready answer does not need. The first probe round (a background thread) or the first
 * pass-through call builds it; shut down before that, it is never built.
 */
final class LazyHttpClient extends HttpClient {

    private final Supplier<HttpClient> factory;
    private volatile HttpClient client;
    private boolean shutDown;

    LazyHttpClient(Supplier<HttpClient> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    private HttpClient client() throws IOException {
        HttpClient built = client;
        if (built != null) {
            return built;
        }
        synchronized (this) {
            if (client == null) {
                if (shutDown) {
                    throw new IOException("the HTTP client is shut down");
                }
                client = factory.get();
            }
            return client;
        }
    }

    /** For the settings' getters: a client that was shut down before its first use is built to answer them, then shut down. */
    private HttpClient built() {
        synchronized (this) {
            if (client == null) {
                client = factory.get();
                if (shutDown) {
                    client.shutdownNow();
                }
            }
            return client;
        }
    }

    /** The client, when it has been built. */
    private synchronized Optional<HttpClient> ifBuilt() {
        return Optional.ofNullable(client);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        return client().send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client().sendAsync(request, handler);
        } catch (IOException | RuntimeException failed) {
            return CompletableFuture.failedFuture(failed);
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        try {
            return client().sendAsync(request, handler, pushPromiseHandler);
        } catch (IOException | RuntimeException failed) {
            return CompletableFuture.failedFuture(failed);
        }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return built().cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return built().connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return built().followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return built().proxy();
    }

    @Override
    public SSLContext sslContext() {
        return built().sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return built().sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return built().authenticator();
    }

    @Override
    public Version version() {
        return built().version();
    }

    @Override
    public Optional<Executor> executor() {
        return built().executor();
    }

    @Override
    public void shutdown() {
        synchronized (this) {
            shutDown = true;
        }
        ifBuilt().ifPresent(HttpClient::shutdown);
    }

    @Override
    public void shutdownNow() {
        synchronized (this) {
            shutDown = true;
        }
        ifBuilt().ifPresent(HttpClient::shutdownNow);
    }

    @Override
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        Optional<HttpClient> built = ifBuilt();
        return built.isEmpty() ? isTerminated() : built.get().awaitTermination(duration);
    }

    @Override
    public boolean isTerminated() {
        synchronized (this) {
            if (client == null) {
                return shutDown;
            }
        }
        return client.isTerminated();
    }

    @Override
    public void close() {
        synchronized (this) {
            shutDown = true;
        }
        ifBuilt().ifPresent(HttpClient::close);
    }
}
