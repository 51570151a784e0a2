package dev.llmhealth.adapters.probes.models;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The TLS trust choices a probe client can have: a CA bundle of the operator's, or none at all. */
public final class TlsTrust {

    private static final Pattern PEM_CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----\\s*([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    /**
     * The last bundle read and its certificates: a start reads the same bundle for the config check,
     * the probes and the pass-through, and parsing ~150 certificates costs a few hundred ms of a cold JVM.
     * Reused only when the file's text is the same (certificates are immutable).
     */
    private static volatile ParsedBundle lastParsed;

    private record ParsedBundle(String text, List<X509Certificate> certificates) {
    }

    private TlsTrust() {
    }

    /**
     * Trusts exactly the certificates of a PEM bundle (one or more {@code BEGIN CERTIFICATE} blocks,
     * text between them allowed, as in the system bundles), like {@code SSL_CERT_FILE} for OpenSSL:
     * the bundle replaces the JDK's trust store. Host names are still verified.
     *
     * @throws IllegalArgumentException when the file is missing, unreadable or holds no certificate (the message names the problem only)
     */
    public static SSLContext fromPemBundle(Path bundle) {
        return trusting(readPemCertificates(bundle));
    }

    /**
     * Trusts exactly these CA certificates (from {@link #readPemCertificates}); host names are still verified.
     *
     * @throws IllegalArgumentException when they cannot be used (the message names the problem only)
     */
    public static SSLContext trusting(List<X509Certificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException failed) {
            throw new IllegalArgumentException("the CA bundle cannot be used (" + failed.getClass().getSimpleName() + ")");
        }
    }

    /** The certificates of a PEM file, in order (unmodifiable). */
    public static List<X509Certificate> readPemCertificates(Path bundle) {
        String text;
        try {
            text = Files.readString(bundle, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException missing) {
            throw new IllegalArgumentException("the CA bundle file does not exist");
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("the CA bundle file cannot be read (" + unreadable.getClass().getSimpleName() + ")");
        }
        ParsedBundle last = lastParsed;
        if (last != null && last.text().equals(text)) {
            return last.certificates();
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Matcher block = PEM_CERTIFICATE.matcher(text);
            while (block.find()) {
                String pem = "-----BEGIN CERTIFICATE-----\n" + block.group(1).strip() + "\n-----END CERTIFICATE-----\n";
                for (Certificate certificate : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                    certificates.add((X509Certificate) certificate);
                }
            }
        } catch (CertificateException | ClassCastException invalid) {
            throw new IllegalArgumentException("the CA bundle holds a certificate that cannot be read");
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("the CA bundle holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        List<X509Certificate> parsed = List.copyOf(certificates);
        lastParsed = new ParsedBundle(text, parsed);
        return parsed;
    }

    /**
     * Accepts any certificate for any host name (LiteLLM's {@code ssl_verify: false}): the traffic is
     * still encrypted but no longer authenticated. An {@link X509ExtendedTrustManager}, so the JDK
     * does not add its own host name check around it.
     */
    public static SSLContext trustingEverything() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK has a TLS context", impossible);
        }
    }

    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
