package dev.llmhealth.adapters.probes.models;

import dev.llmhealth.adapters.probes.support.ConnectionUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The outbound proxy the environment asks for, as curl and Python's HTTP clients read it:
 * {@code HTTPS_PROXY} for https URLs, {@code HTTP_PROXY} for http URLs, {@code ALL_PROXY} for
 * either when the specific one is unset (each also in lower case, which wins), and
 * {@code NO_PROXY}, a comma-separated list of hosts reached directly: {@code *} (everything), a
 * host name (itself and its subdomains; a leading {@code .} or {@code *.} is allowed), an IP
 * address or CIDR block ({@code 10.0.0.0/8}), each optionally with {@code :port}. Loopback is not
 * exempt by itself: list {@code localhost,127.0.0.1} as with curl.
 *
 * <p>A proxy is {@code [http://][user:password@]host[:port]} (port 80 by default, as curl). The JDK
 * client speaks plain HTTP to proxies only (https URLs go through a CONNECT tunnel): an
 * {@code https://} or {@code socks} proxy is refused. Credentials are sent to the proxy as Basic
 * {@code Proxy-Authorization}; for CONNECT tunnels (https URLs) the JDK drops Basic unless the JVM
 * runs with {@code -Djdk.http.auth.tunneling.disabledSchemes=}.
 */
public final class EnvironmentProxies extends ProxySelector {

    /** What one variable asked for. */
    private record ProxyTarget(String variable, String host, int port, String user, String password) {

        Proxy proxy() {
            return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
        }
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f]*:[0-9a-f:.]*");

    private final Optional<ProxyTarget> https;
    private final Optional<ProxyTarget> http;
    private final List<String> noProxy;

    private EnvironmentProxies(Optional<ProxyTarget> https, Optional<ProxyTarget> http, List<String> noProxy) {
        this.https = https;
        this.http = http;
        this.noProxy = noProxy;
    }

    /** No proxy at all: every connection is direct (the JDK's own system properties are ignored too). */
    public static EnvironmentProxies none() {
        return new EnvironmentProxies(Optional.empty(), Optional.empty(), List.of());
    }

    /**
     * @param environment e.g. {@code System.getenv()}
     * @throws IllegalArgumentException naming the variable and the problem, never quoting its value (it may hold a password)
     */
    public static EnvironmentProxies fromEnvironment(Map<String, String> environment) {
        Optional<ProxyTarget> all = target(environment, "all_proxy");
        Optional<ProxyTarget> https = target(environment, "https_proxy").or(() -> all);
        Optional<ProxyTarget> http = target(environment, "http_proxy").or(() -> all);
        List<String> noProxy = new ArrayList<>();
        variable(environment, "no_proxy").ifPresent(list -> {
            for (String entry : list.getValue().split(",")) {
                String cleaned = entry.strip().toLowerCase(Locale.ROOT);
                if (!cleaned.isEmpty()) {
                    noProxy.add(cleaned);
                }
            }
        });
        return new EnvironmentProxies(https, http, List.copyOf(noProxy));
    }

    /** True when some URL would go through a proxy. */
    public boolean configured() {
        return https.isPresent() || http.isPresent();
    }

    /** The proxy passwords, so they can be masked wherever text leaves the process. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        https.map(ProxyTarget::password).filter(p -> !p.isEmpty()).ifPresent(secrets::add);
        http.map(ProxyTarget::password).filter(p -> !p.isEmpty()).ifPresent(secrets::add);
        return secrets;
    }

    /** A line for the start-up log: where proxies are, never their credentials. */
    public String describe() {
        if (!configured()) {
            return "no outbound proxy";
        }
        return "outbound proxy: https via " + https.map(t -> t.host() + ":" + t.port()).orElse("direct")
                + ", http via " + http.map(t -> t.host() + ":" + t.port()).orElse("direct")
                + (noProxy.isEmpty() ? "" : ", direct for " + String.join(",", noProxy));
    }

    @Override
    public List<Proxy> select(URI uri) {
        if (uri == null) {
            throw new IllegalArgumentException("uri is null");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Optional<ProxyTarget> target = switch (scheme) {
            case "https", "wss" -> https;
            case "http", "ws" -> http;
            default -> Optional.empty();
        };
        if (target.isEmpty() || uri.getHost() == null || bypasses(uri.getHost(), port(uri, scheme))) {
            return List.of(Proxy.NO_PROXY);
        }
        return List.of(target.get().proxy());
    }

    @Override
    public void connectFailed(URI uri, SocketAddress proxy, IOException failure) {
        // nothing to fall back to: the probe reports the failure
    }

    /**
     * The {@code Proxy-Authorization} value for a request to {@code uri}, when it goes through a
     * proxy whose URL carried credentials. Sent up front rather than through an
     * {@link java.net.Authenticator}: with an authenticator set, the JDK client turns any 401 without
     * {@code WWW-Authenticate} (Azure's, Anthropic's) into an IOException, hiding an auth failure.
     * The JDK never sends {@code Proxy-*} headers to the server itself.
     */
    public Optional<String> proxyAuthorization(URI uri) {
        List<Proxy> selected = select(uri);
        if (selected.isEmpty() || selected.get(0).type() != Proxy.Type.HTTP) {
            return Optional.empty();
        }
        InetSocketAddress address = (InetSocketAddress) selected.get(0).address();
        return Stream.of(https, http).flatMap(Optional::stream)
                .filter(t -> !t.user().isEmpty() && t.host().equals(address.getHostString()) && t.port() == address.getPort())
                .findFirst()
                .map(t -> "Basic " + Base64.getEncoder().encodeToString((t.user() + ":" + t.password()).getBytes(StandardCharsets.UTF_8)));
    }

    /** True when some proxy URL carried a user name. */
    public boolean hasCredentials() {
        return Stream.of(https, http).flatMap(Optional::stream).anyMatch(t -> !t.user().isEmpty());
    }

    /** Whether NO_PROXY sends {@code host:port} direct. */
    boolean bypasses(String rawHost, int port) {
        String host = stripBrackets(rawHost.toLowerCase(Locale.ROOT));
        for (String entry : noProxy) {
            if (entry.equals("*") || matches(entry, host, port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String entry, String host, int port) {
        String pattern = entry;
        int entryPort = -1;
        // host:port and [v6]:port carry a port; a bare IPv6 address has colons but no port
        int colon = pattern.lastIndexOf(':');
        if (colon > 0 && (pattern.startsWith("[") ? pattern.indexOf(']') < colon : pattern.indexOf(':') == colon)) {
            entryPort = ConnectionUrl.parsePort(pattern.substring(colon + 1));
            if (entryPort < 0) {
                return false;
            }
            pattern = pattern.substring(0, colon);
        }
        if (entryPort >= 0 && entryPort != port) {
            return false;
        }
        pattern = stripBrackets(pattern);
        if (pattern.contains("/")) {
            return inCidr(pattern, host);
        }
        if (pattern.startsWith("*.")) {
            pattern = pattern.substring(1);
        }
        if (pattern.startsWith(".")) {
            return host.endsWith(pattern) || host.equals(pattern.substring(1));
        }
        if (isIpLiteral(pattern) || isIpLiteral(host)) {
            return sameAddress(pattern, host);
        }
        return host.equals(pattern) || host.endsWith("." + pattern);
    }

    private static boolean inCidr(String cidr, String host) {
        int slash = cidr.indexOf('/');
        String network = cidr.substring(0, slash);
        if (!isIpLiteral(network) || !isIpLiteral(host)) {
            return false;
        }
        int bits;
        try {
            bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException notBits) {
            return false;
        }
        byte[] net = literal(network);
        byte[] address = literal(host);
        if (net == null || address == null || net.length != address.length || bits < 0 || bits > net.length * 8) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((net[i / 8] & mask) != (address[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameAddress(String a, String b) {
        byte[] first = isIpLiteral(a) ? literal(a) : null;
        byte[] second = isIpLiteral(b) ? literal(b) : null;
        return first != null && second != null && java.util.Arrays.equals(first, second);
    }

    private static boolean isIpLiteral(String text) {
        return IPV4.matcher(text).matches() || IPV6.matcher(text).matches();
    }

    /** The address bytes of an IP literal: {@code getByName} resolves nothing for a literal. */
    private static byte[] literal(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException | SecurityException notALiteral) {
            return null;
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(URI uri, String scheme) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
    }

    /** The lower-case name wins, as in curl and Python; blank values count as unset. */
    private static Optional<Map.Entry<String, String>> variable(Map<String, String> environment, String lowerName) {
        for (String name : List.of(lowerName, lowerName.toUpperCase(Locale.ROOT))) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(Map.entry(name, value.strip()));
            }
        }
        return Optional.empty();
    }

    private static Optional<ProxyTarget> target(Map<String, String> environment, String lowerName) {
        return variable(environment, lowerName).map(found -> parse(found.getKey(), found.getValue()));
    }

    private static ProxyTarget parse(String variable, String value) {
        String rest = value;
        int schemeEnd = value.indexOf("://");
        if (schemeEnd >= 0) {
            String scheme = value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http")) {
                throw new IllegalArgumentException(variable + " must be an http:// proxy (the JDK client cannot reach "
                        + (scheme.startsWith("socks") ? "SOCKS" : scheme.equals("https") ? "a proxy over TLS" : "a " + scheme + " proxy") + ")");
            }
            rest = value.substring(schemeEnd + 3);
        }
        ConnectionUrl parts = ConnectionUrl.parse(rest, variable);
        String[] hostPort = ConnectionUrl.splitHostPort(parts.hosts());
        String host = stripBrackets(hostPort[0]);
        if (host.isBlank() || parts.hosts().contains(",")) {
            throw new IllegalArgumentException(variable + " must name one proxy host");
        }
        int port = hostPort[1].isEmpty() ? 80 : ConnectionUrl.parsePort(hostPort[1]);
        if (port < 0) {
            throw new IllegalArgumentException(variable + " has an invalid port (expected 1-65535)");
        }
        return new ProxyTarget(variable, host, port, parts.user(), parts.password());
    }

    @Override
    public String toString() {
        return "EnvironmentProxies[" + describe() + "]";
    }
}
