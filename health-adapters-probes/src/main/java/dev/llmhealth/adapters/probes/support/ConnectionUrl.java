package dev.llmhealth.adapters.probes.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The parts of a {@code scheme://[user[:password]@]hosts[/path][?query]} connection URL, split by
 * hand rather than with {@link java.net.URI}: real passwords hold characters URI rejects, and URI's
 * exceptions quote the whole input, password included. Every error message here is a fixed text.
 *
 * @param user     percent-decoded, empty when absent
 * @param password percent-decoded, empty when absent
 * @param hosts    verbatim, e.g. {@code db:5432}, {@code [::1]:5432} or {@code a:5432,b:5432}
 * @param path     verbatim, without the leading slash, empty when absent
 * @param query    verbatim, without the {@code ?}, empty when absent
 */
public record ConnectionUrl(String user, String password, String hosts, String path, String query) {

    /**
     * @param afterScheme the URL after its {@code scheme://}
     * @param what        names the URL in error messages, e.g. "database URL"
     */
    public static ConnectionUrl parse(String afterScheme, String what) {
        // the last '@' ends the credentials: passwords are often pasted with an unencoded '@'
        int at = afterScheme.lastIndexOf('@');
        String userInfo = at >= 0 ? afterScheme.substring(0, at) : "";
        String location = at >= 0 ? afterScheme.substring(at + 1) : afterScheme;

        int queryStart = location.indexOf('?');
        String query = queryStart >= 0 ? location.substring(queryStart + 1) : "";
        String hostsAndPath = queryStart >= 0 ? location.substring(0, queryStart) : location;
        int pathStart = hostsAndPath.indexOf('/');
        String hosts = pathStart >= 0 ? hostsAndPath.substring(0, pathStart) : hostsAndPath;
        String path = pathStart >= 0 ? hostsAndPath.substring(pathStart + 1) : "";
        if (hosts.isBlank()) {
            throw new IllegalArgumentException(what + " has no host");
        }

        int colon = userInfo.indexOf(':');
        String user = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
        String password = colon >= 0 ? userInfo.substring(colon + 1) : "";
        return new ConnectionUrl(percentDecode(user), percentDecode(password), hosts, path, query);
    }

    /**
     * Decodes {@code %XX} escapes only: unlike {@link java.net.URLDecoder}, a {@code +} stays a plus
     * (common in passwords), and a stray {@code %} stays literal instead of failing with a message
     * that quotes the password.
     */
    public static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (text.charAt(i) == '%' && high >= 0 && low >= 0) {
                bytes.write(high * 16 + low);
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A port number, or -1 when {@code text} is not one. */
    public static int parsePort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535 ? port : -1;
    }

    /** Splits {@code host[:port]} (IPv6 in brackets) into host and port text; the port is empty when absent. */
    public static String[] splitHostPort(String hostPort) {
        int portColon = hostPort.lastIndexOf(':');
        if (portColon < 0 || hostPort.lastIndexOf(']') > portColon) {
            return new String[] {hostPort, ""};
        }
        return new String[] {hostPort.substring(0, portColon), hostPort.substring(portColon + 1)};
    }
}
