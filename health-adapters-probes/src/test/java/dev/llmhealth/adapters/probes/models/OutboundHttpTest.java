package dev.llmhealth.adapters.probes.models;

import static dev.llmhealth.adapters.probes.models.FakeProvider.CANARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.ProbeSpend;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Outbound probes through a real (in-process) HTTP proxy chosen from proxy variables, and over real
 * TLS with a custom CA bundle or with {@code ssl_verify: false}.
 */
class OutboundHttpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Stands in for a forward proxy: records the absolute-form request line it gets and answers itself. */
    private static final class RecordingProxy implements AutoCloseable {
        record Seen(String method, String uri, String proxyAuthorization) {
        }

        private final HttpServer server;
        private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
        private final List<Seen> seen = new CopyOnWriteArrayList<>();
        private final String requiredCredentials;

        RecordingProxy(String requiredCredentials) throws IOException {
            this.requiredCredentials = requiredCredentials;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(handlers);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        int port() {
            return server.getAddress().getPort();
        }

        List<Seen> seen() {
            return List.copyOf(seen);
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String authorization = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(), authorization));
                if (requiredCredentials != null && !("Basic " + Base64.getEncoder().encodeToString(
                        requiredCredentials.getBytes(StandardCharsets.UTF_8))).equals(authorization)) {
                    exchange.getResponseHeaders().set("Proxy-Authenticate", "Basic realm=\"proxy\"");
                    exchange.sendResponseHeaders(407, -1);
                    return;
                }
                byte[] body = "{\"object\":\"list\",\"data\":[{\"id\":\"via-proxy\"}]}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    @TempDir
    static Path certificates;
    /** Made once (keytool is slow on a busy machine): one for 127.0.0.1, one for another host. */
    private static TlsProvider.Identity loopback;
    private static TlsProvider.Identity elsewhere;

    @BeforeAll
    static void makeCertificates() throws Exception {
        loopback = TlsProvider.Identity.create(certificates, "loopback", "ip:127.0.0.1,dns:localhost");
        elsewhere = TlsProvider.Identity.create(certificates, "elsewhere", "dns:elsewhere.example");
    }

    private final FakeProvider provider = new FakeProvider();
    private ProviderProbes probes;

    OutboundHttpTest() throws IOException {
    }

    @AfterEach
    void stop() {
        if (probes != null) {
            probes.close();
        }
        provider.close();
    }

    // ---- proxies

    @Test
    void http_proxy_carries_the_probe_in_absolute_form() throws Exception {
        try (RecordingProxy proxy = new RecordingProxy(null)) {
            OutboundHttp outbound = new OutboundHttp(EnvironmentProxies.fromEnvironment(Map.of("HTTP_PROXY", proxy.url())), Optional.empty());

            ProbeResult result = probe(outbound, new ProviderEndpoint("openai", "http://provider.invalid:8080/v1", CANARY, "gpt-4o"));

            assertInstanceOf(ProbeResult.Healthy.class, result, result.toString());
            assertEquals(List.of(new RecordingProxy.Seen("GET", "http://provider.invalid:8080/v1/models", null)), proxy.seen());
        }
    }

    @Test
    void no_proxy_hosts_are_reached_directly() throws Exception {
        try (RecordingProxy proxy = new RecordingProxy(null)) {
            OutboundHttp outbound = new OutboundHttp(EnvironmentProxies.fromEnvironment(Map.of(
                    "http_proxy", proxy.url(), "no_proxy", "localhost, 127.0.0.1")), Optional.empty());

            ProbeResult result = probe(outbound, new ProviderEndpoint("openai", provider.apiBase("ok"), CANARY, "gpt-4o"));

            assertInstanceOf(ProbeResult.Healthy.class, result, result.toString());
            assertTrue(proxy.seen().isEmpty(), proxy.seen().toString());
            assertEquals(1, provider.requests().size());
        }
    }

    @Test
    void proxy_credentials_in_the_url_go_to_the_proxy_and_never_show() throws Exception {
        String password = "proxy-canary-pw";
        try (RecordingProxy proxy = new RecordingProxy("probe:" + password)) {
            EnvironmentProxies proxies = EnvironmentProxies.fromEnvironment(Map.of(
                    "HTTP_PROXY", "http://probe:" + password + "@127.0.0.1:" + proxy.port()));
            OutboundHttp outbound = new OutboundHttp(proxies, Optional.empty());

            ProbeResult result = probe(outbound, new ProviderEndpoint("openai", "http://provider.invalid/v1", CANARY, "gpt-4o"));

            assertInstanceOf(ProbeResult.Healthy.class, result, result.toString());
            assertEquals("Basic " + Base64.getEncoder().encodeToString(("probe:" + password).getBytes(StandardCharsets.UTF_8)),
                    proxy.seen().get(proxy.seen().size() - 1).proxyAuthorization());
            assertEquals(List.of(password), proxies.secrets());
            assertFalse(proxies.describe().contains(password), proxies.describe());
            assertFalse(proxies.toString().contains(password));
        }
    }

    @Test
    void proxy_credentials_neither_reach_a_direct_server_nor_hide_its_401() throws Exception {
        EnvironmentProxies proxies = EnvironmentProxies.fromEnvironment(Map.of(
                "HTTP_PROXY", "http://probe:proxy-canary-pw@127.0.0.1:1", "NO_PROXY", "127.0.0.1"));
        OutboundHttp outbound = new OutboundHttp(proxies, Optional.empty());

        // Azure's 401 carries no WWW-Authenticate: an Authenticator on the client would turn it into an IOException
        ProbeResult result = probe(outbound, new ProviderEndpoint("azure", provider.root("status-401"), CANARY, "my-deployment"));

        assertEquals(ErrorKind.AUTH, assertInstanceOf(ProbeResult.Unhealthy.class, result).kind(), result.toString());
        assertEquals(null, provider.requests().get(0).header("Proxy-Authorization"));
    }

    @Test
    void https_urls_take_https_proxy_and_http_urls_http_proxy() {
        EnvironmentProxies proxies = EnvironmentProxies.fromEnvironment(Map.of(
                "HTTPS_PROXY", "http://secure-proxy:3128", "HTTP_PROXY", "plain-proxy:8080"));

        assertEquals("secure-proxy:3128", proxyOf(proxies, "https://api.openai.com/v1/models"));
        assertEquals("plain-proxy:8080", proxyOf(proxies, "http://vllm.internal:8000/v1/models"));
    }

    @Test
    void lower_case_wins_and_all_proxy_fills_in() {
        EnvironmentProxies proxies = EnvironmentProxies.fromEnvironment(Map.of(
                "https_proxy", "http://lower:1", "HTTPS_PROXY", "http://upper:2", "ALL_PROXY", "http://all:3"));

        assertEquals("lower:1", proxyOf(proxies, "https://api.anthropic.com/v1/models"));
        assertEquals("all:3", proxyOf(proxies, "http://ollama:11434/api/tags"));
        assertEquals("all:80", proxyOf(EnvironmentProxies.fromEnvironment(Map.of("all_proxy", "all")), "http://x/"),
                "port 80 when none is given, as curl");
    }

    @ParameterizedTest
    @CsvSource({
            "'*', https://api.openai.com/v1, true",
            "'.example.com', https://api.example.com/v1, true",
            "'.example.com', https://example.com/v1, true",
            "'example.com', https://api.example.com/v1, true",
            "'*.example.com', https://api.example.com/v1, true",
            "'example.com', https://badexample.com/v1, false",
            "'example.com', https://example.com.evil.org/v1, false",
            "'10.0.0.0/8', http://10.1.2.3:8000/v1, true",
            "'10.0.0.0/8', http://11.1.2.3:8000/v1, false",
            "'192.168.1.7', http://192.168.1.7/v1, true",
            "'::1', http://[::1]:8000/v1, true",
            "'[::1]:8000', http://[::1]:8000/v1, true",
            "'fd00::/8', http://[fd12::1]/v1, true",
            "'vllm.internal:8000', http://vllm.internal:8000/v1, true",
            "'vllm.internal:8000', http://vllm.internal:9000/v1, false",
            "'api.openai.com:443', https://api.openai.com/v1, true",
            "'localhost', http://127.0.0.1/v1, false"})
    void no_proxy_matches_hosts_domains_addresses_and_ports(String noProxy, String url, boolean direct) {
        EnvironmentProxies proxies = EnvironmentProxies.fromEnvironment(Map.of(
                "HTTPS_PROXY", "http://proxy:3128", "HTTP_PROXY", "http://proxy:3128", "NO_PROXY", "other.org," + noProxy));

        assertEquals(direct ? "direct" : "proxy:3128", proxyOf(proxies, url), noProxy + " for " + url);
    }

    @ParameterizedTest
    @CsvSource({
            "HTTPS_PROXY, socks5://user:secret-canary@proxy:1080, SOCKS",
            "HTTPS_PROXY, https://user:secret-canary@proxy:3128, over TLS",
            "HTTP_PROXY, http://user:secret-canary@proxy:99999, invalid port",
            "http_proxy, 'http://user:secret-canary@', no host"})
    void an_unusable_proxy_is_refused_by_name_without_its_value(String variable, String value, String reason) {
        var refused = assertThrows(IllegalArgumentException.class, () -> EnvironmentProxies.fromEnvironment(Map.of(variable, value)));

        assertTrue(refused.getMessage().startsWith(variable + " "), refused.getMessage());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
        assertFalse(refused.getMessage().contains("secret-canary"), refused.getMessage());
    }

    @Test
    void no_variables_means_no_proxy_of_ours() {
        EnvironmentProxies proxies = EnvironmentProxies.fromEnvironment(Map.of("PATH", "/usr/bin"));

        assertFalse(proxies.configured());
        assertEquals("direct", proxyOf(proxies, "https://api.openai.com/v1"));
    }

    // ---- TLS

    @Test
    void a_ca_bundle_makes_a_private_ca_trusted() throws Exception {
        try (TlsProvider tls = new TlsProvider(loopback)) {
            OutboundHttp outbound = new OutboundHttp(EnvironmentProxies.none(), Optional.of(tls.certificatePem()));

            ProbeResult result = probe(outbound, new ProviderEndpoint("openai", tls.apiBase(), CANARY, "gpt-4o"));

            assertInstanceOf(ProbeResult.Healthy.class, result, result.toString());
        }
    }

    @Test
    void without_the_bundle_a_private_ca_is_a_tls_failure() throws Exception {
        try (TlsProvider tls = new TlsProvider(loopback)) {
            ProbeResult result = probe(OutboundHttp.direct(), new ProviderEndpoint("openai", tls.apiBase(), CANARY, "gpt-4o"));

            var unhealthy = assertInstanceOf(ProbeResult.Unhealthy.class, result);
            // JDK 25's client sometimes loses the handshake error of a JVM's first HTTPS call and times out instead
            assertTrue(Set.of(ErrorKind.TLS, ErrorKind.TIMEOUT).contains(unhealthy.kind()), unhealthy.toString());
        }
    }

    @Test
    void ssl_verify_false_accepts_any_certificate_and_host_name() throws Exception {
        // a certificate for another host, from a CA nobody trusts
        try (TlsProvider tls = new TlsProvider(elsewhere)) {
            OutboundHttp outbound = OutboundHttp.direct();
            ProviderEndpoint unverified = new ProviderEndpoint("openai", tls.apiBase(), CANARY, "gpt-4o").withSslVerify(false);

            ProbeResult result = probe(outbound, unverified);

            assertInstanceOf(ProbeResult.Healthy.class, result, result.toString());
        }
    }

    @Test
    void the_bundle_does_not_excuse_a_wrong_host_name() throws Exception {
        try (TlsProvider tls = new TlsProvider(elsewhere)) {
            OutboundHttp outbound = new OutboundHttp(EnvironmentProxies.none(), Optional.of(tls.certificatePem()));

            ProbeResult result = probe(outbound, new ProviderEndpoint("openai", tls.apiBase(), CANARY, "gpt-4o"));

            assertInstanceOf(ProbeResult.Unhealthy.class, result);
        }
    }

    @Test
    void a_bundle_is_read_with_text_between_certificates(@TempDir Path directory) throws Exception {
        Path bundle = directory.resolve("bundle.pem");
        Files.writeString(bundle, "# Issuer: loopback\n" + Files.readString(loopback.certificatePem())
                + "\n# Issuer: elsewhere\n\n" + Files.readString(elsewhere.certificatePem()));

        assertEquals(2, TlsTrust.readPemCertificates(bundle).size());
    }

    @Test
    void an_unusable_bundle_is_refused_with_a_reason(@TempDir Path directory) throws Exception {
        Path empty = Files.writeString(directory.resolve("empty.pem"), "not a certificate " + CANARY);

        var noCertificate = assertThrows(IllegalArgumentException.class, () -> new OutboundHttp(EnvironmentProxies.none(), Optional.of(empty)));
        var missing = assertThrows(IllegalArgumentException.class,
                () -> new OutboundHttp(EnvironmentProxies.none(), Optional.of(directory.resolve("missing.pem"))));

        assertTrue(noCertificate.getMessage().contains("no PEM certificate"), noCertificate.getMessage());
        assertFalse(noCertificate.getMessage().contains("canary"));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    private ProbeResult probe(OutboundHttp outbound, ProviderEndpoint endpoint) {
        probes = ProviderProbes.create(Map.of("d", endpoint), SecretRedactor.shapesOnly(), outbound, ProbeSpend.NONE);
        return probes.probe(new Deployment("d", "group", endpoint.apiBase(), ProbeMode.MODELS), TIMEOUT);
    }

    private static String proxyOf(EnvironmentProxies proxies, String url) {
        List<Proxy> selected = proxies.select(URI.create(url));
        assertEquals(1, selected.size());
        if (selected.get(0).type() == Proxy.Type.DIRECT) {
            return "direct";
        }
        InetSocketAddress address = (InetSocketAddress) selected.get(0).address();
        return address.getHostString() + ":" + address.getPort();
    }
}
