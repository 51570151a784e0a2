package dev.llmhealth.adapters.probes.models;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An OpenAI-compatible provider over HTTPS on loopback, with a self-signed certificate made for
 * the test by the JDK's own {@code keytool} (run as a process, as an operator would), so the CA
 * bundle and {@code ssl_verify} paths are tested against real TLS.
 */
final class TlsProvider implements AutoCloseable {

    private static final String PASSWORD = "changeit";

    /** A key pair and its self-signed certificate, made once and served by as many providers as a test wants. */
    record Identity(Path keyStore, Path certificatePem) {

        /**
         * @param subjectAlternativeNames e.g. {@code ip:127.0.0.1,dns:localhost}; a certificate for another host tests host name checks
         */
        static Identity create(Path directory, String name, String subjectAlternativeNames) throws Exception {
            Path keyStore = directory.resolve(name + ".p12");
            keytool("-genkeypair", "-alias", "provider", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=test provider " + name,
                    "-ext", "SAN=" + subjectAlternativeNames, "-validity", "2", "-keystore", keyStore.toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
            KeyStore store = load(keyStore);
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(store.getCertificate("provider").getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return new Identity(keyStore, Files.writeString(directory.resolve(name + "-cert.pem"), pem));
        }
    }

    private final HttpsServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final Identity identity;

    TlsProvider(Identity identity) throws Exception {
        this.identity = identity;
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(identity.keyStore())));
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\"}]}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    /** The self-signed certificate, PEM: the CA bundle that makes it trusted. */
    Path certificatePem() {
        return identity.certificatePem();
    }

    String apiBase() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private static KeyStore load(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static SSLContext serverContext(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore store = load(keyStore);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
