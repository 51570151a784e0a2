package dev.llmhealth.adapters.probes.models;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The HTTP clients probes go out with: the proxies the environment names, and TLS that trusts
 * the JDK's CAs, or an operator's CA bundle, or (per deployment, {@code ssl_verify: false})
 * nothing. One client per trust choice, built on first use and shared by every probe using it;
 * closing this closes them.
 */
public final class OutboundHttp implements AutoCloseable {

    private final EnvironmentProxies proxies;
    private final Optional<Path> caBundle;
    private final SSLContext verifyingContext;
    private HttpClient verifying;
    private HttpClient trustingEverything;
    private boolean closed;

    /**
     * @param caBundle a PEM file whose CAs replace the JDK's (SSL_CERT_FILE, or a path in ssl_verify); empty for the JDK's
     * @throws IllegalArgumentException when the bundle cannot be used (the message names the problem, not the file's content)
     */
    public OutboundHttp(EnvironmentProxies proxies, Optional<Path> caBundle) {
        this.proxies = Objects.requireNonNull(proxies, "proxies");
        this.caBundle = Objects.requireNonNull(caBundle, "caBundle");
        // the config check read this bundle already: its certificates are reused, not parsed again
        this.verifyingContext = caBundle.map(TlsTrust::readPemCertificates).map(TlsTrust::trusting).orElse(null);
    }

    /** No proxy variables (the JDK's own proxy properties still apply) and the JDK's trust store. */
    public static OutboundHttp direct() {
        return new OutboundHttp(EnvironmentProxies.none(), Optional.empty());
    }

    public EnvironmentProxies proxies() {
        return proxies;
    }

    public Optional<Path> caBundle() {
        return caBundle;
    }

    /** @param verifyTls false for a client that accepts any certificate and host name */
    public synchronized HttpClient client(boolean verifyTls) {
        if (closed) {
            throw new IllegalStateException("outbound HTTP closed");
        }
        if (verifyTls) {
            if (verifying == null) {
                verifying = build(verifyingContext);
            }
            return verifying;
        }
        if (trustingEverything == null) {
            trustingEverything = build(TlsTrust.trustingEverything());
        }
        return trustingEverything;
    }

    private HttpClient build(SSLContext tls) {
        HttpClient.Builder builder = OpenAiCompatibleModelProbe.httpClientBuilder();
        // without proxy variables the JDK's default selector stays (it honours -Dhttps.proxyHost and friends)
        if (proxies.configured()) {
            builder.proxy(proxies);
        }
        if (tls != null) {
            builder.sslContext(tls);
        }
        HttpClient client = builder.build();
        return proxies.hasCredentials() ? new ProxyAuthorizingHttpClient(client, proxies) : client;
    }

    /** Closes the clients built so far, abandoning calls in flight. */
    @Override
    public synchronized void close() {
        closed = true;
        for (HttpClient client : new HttpClient[] {verifying, trustingEverything}) {
            if (client != null) {
                client.shutdownNow();
            }
        }
    }
}
