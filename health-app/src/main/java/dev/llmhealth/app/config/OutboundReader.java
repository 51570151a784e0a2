package dev.llmhealth.app.config;

import dev.llmhealth.adapters.probes.models.EnvironmentProxies;
import dev.llmhealth.adapters.probes.models.TlsTrust;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How probes go out, as LiteLLM reads it: the proxy variables ({@code HTTPS_PROXY}, {@code HTTP_PROXY},
 * {@code ALL_PROXY}, {@code NO_PROXY}, upper or lower case), {@code ssl_verify} ({@code SSL_VERIFY} in
 * the environment, else {@code litellm_settings.ssl_verify}, else {@code general_settings.ssl_verify}):
 * {@code false} turns certificate checks off, a path names a CA bundle; and {@code SSL_CERT_FILE}, the
 * CA bundle when {@code ssl_verify} names none. Both are checked here, so a bad one fails at start.
 */
final class OutboundReader {

    static final List<String> PROXY_VARIABLES = List.of(
            "https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY");

    private final Map<String, String> environment;

    OutboundReader(Map<String, String> environment) {
        this.environment = environment;
    }

    /** @param secrets gets the proxy passwords, so they are masked like every other secret */
    ProxyConfig.Outbound read(ConfigNode root, Set<String> secrets) {
        Map<String, String> proxyEnvironment = new LinkedHashMap<>();
        for (String name : PROXY_VARIABLES) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                proxyEnvironment.put(name, value);
            }
        }
        try {
            secrets.addAll(EnvironmentProxies.fromEnvironment(proxyEnvironment).secrets());
        } catch (IllegalArgumentException unusable) {
            // the message names the variable and the problem, never its value
            throw new ConfigException("proxy settings", unusable.getMessage());
        }

        String sslVerifyKey = "SSL_VERIFY";
        Optional<String> sslVerify = env("SSL_VERIFY");
        if (sslVerify.isEmpty()) {
            ConfigNode litellm = root.child("litellm_settings").child("ssl_verify");
            ConfigNode general = root.child("general_settings").child("ssl_verify");
            ConfigNode chosen = litellm.isMissing() ? general : litellm;
            sslVerifyKey = chosen.path();
            sslVerify = chosen.optionalString();
        }
        Optional<Boolean> flag = sslVerify.flatMap(OutboundReader::bool);
        if (flag.isPresent() && !flag.get()) {
            return new ProxyConfig.Outbound(proxyEnvironment, Optional.empty(), false);
        }
        boolean sslVerifyIsPath = sslVerify.isPresent() && flag.isEmpty();
        String bundleKey = sslVerifyIsPath ? sslVerifyKey : "SSL_CERT_FILE";
        Optional<String> file = sslVerifyIsPath ? sslVerify : env("SSL_CERT_FILE");
        if (file.isEmpty()) {
            return new ProxyConfig.Outbound(proxyEnvironment, Optional.empty(), true);
        }
        try {
            Path bundle = Path.of(file.get());
            TlsTrust.readPemCertificates(bundle);
            return new ProxyConfig.Outbound(proxyEnvironment, Optional.of(bundle), true);
        } catch (IllegalArgumentException unusable) {
            // InvalidPathException too: its message quotes the path, so a fixed text instead
            String problem = unusable instanceof java.nio.file.InvalidPathException ? "is not a valid file path" : unusable.getMessage();
            throw new ConfigException(bundleKey, problem);
        }
    }

    /** {@code ssl_verify} as a flag, or empty when it is a path. */
    static Optional<Boolean> bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Optional.of(true);
            case "false", "no", "off", "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank()).map(String::strip);
    }
}
