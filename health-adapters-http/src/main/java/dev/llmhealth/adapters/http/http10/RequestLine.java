package dev.llmhealth.adapters.http.http10;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.0 request line, {@code METHOD SP request-target SP HTTP/1.0}, parsed strictly: one space
 * between the parts, a token for the method, no control characters or non-ASCII bytes in the target.
 *
 * @param method the method as sent (methods are case-sensitive)
 * @param target the target in origin form ({@code /path?query}); an absolute-form target
 *               ({@code http://host/path}, which proxies may send) is reduced to its path and query
 */
record RequestLine(String method, String target) {

    private static final String VERSION = "HTTP/1.0";
    private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

    /** @param line the line's bytes without the CRLF */
    static RequestLine parse(byte[] line) throws MalformedRequestException {
        int firstSpace = indexOf(line, (byte) ' ', 0);
        int secondSpace = firstSpace < 0 ? -1 : indexOf(line, (byte) ' ', firstSpace + 1);
        if (firstSpace <= 0 || secondSpace < 0 || indexOf(line, (byte) ' ', secondSpace + 1) >= 0) {
            throw new MalformedRequestException("request line must be METHOD SP target SP HTTP/1.0");
        }
        String method = ascii(line, 0, firstSpace);
        if (!isToken(method)) {
            throw new MalformedRequestException("invalid method");
        }
        String target = ascii(line, firstSpace + 1, secondSpace);
        if (target.isEmpty() || !isVisibleAscii(target)) {
            throw new MalformedRequestException("invalid request target");
        }
        if (!VERSION.equals(ascii(line, secondSpace + 1, line.length))) {
            throw new MalformedRequestException("not an HTTP/1.0 request line");
        }
        return new RequestLine(method, originForm(target));
    }

    private static String originForm(String target) throws MalformedRequestException {
        if (target.charAt(0) == '/' || target.equals("*")) {
            return target;
        }
        String lower = target.toLowerCase(Locale.ROOT);
        int afterScheme = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
        if (afterScheme < 0) {
            throw new MalformedRequestException("request target must be a path or an absolute http URL");
        }
        int pathStart = afterScheme;
        while (pathStart < target.length() && target.charAt(pathStart) != '/' && target.charAt(pathStart) != '?') {
            pathStart++;
        }
        if (pathStart == afterScheme) {
            throw new MalformedRequestException("absolute request target without a host");
        }
        String rest = target.substring(pathStart);
        return rest.startsWith("/") ? rest : "/" + rest;
    }

    private static boolean isToken(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && TCHAR_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    private static boolean isVisibleAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 127) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** ISO-8859-1 keeps every byte as one char, so non-ASCII bytes stay visible to the checks above. */
    private static String ascii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
