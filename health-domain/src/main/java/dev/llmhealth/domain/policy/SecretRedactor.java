package dev.llmhealth.domain.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from any text before it is stored, shown, logged or used as a label: the exact
 * secrets the config holds, and the shapes providers echo back (API keys, bearer tokens,
 * {@code api-key=} parameters, passwords in URLs).
 */
public final class SecretRedactor {

    public static final String MASK = "***";

    /** A shape of secret and what it becomes ({@code $1} keeps the harmless prefix). */
    private record Shape(Pattern pattern, String replacement) {
    }

    private static final List<Shape> SHAPES = List.of(
            // credentials in URLs: scheme://user:password@host
            new Shape(Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://)[^/\\s:@]*:[^/\\s@]*@"), "$1" + MASK + "@"),
            new Shape(Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]+"), "Bearer " + MASK),
            new Shape(Pattern.compile("\\bsk-[A-Za-z0-9_-]{3,}"), MASK),
            new Shape(Pattern.compile("(?i)((?:api[-_]?key|x-api-key|access[-_]?token|password|passwd|secret|token)[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"'&,;}]+"),
                    "$1" + MASK));

    private final List<String> knownSecrets;

    /** @param knownSecrets the exact secret values to mask (keys, passwords from the config); blanks are ignored */
    public SecretRedactor(Collection<String> knownSecrets) {
        List<String> secrets = new ArrayList<>();
        for (String secret : knownSecrets) {
            if (secret != null && secret.length() >= 4) {
                secrets.add(secret);
            }
        }
        // longest first, so a secret that contains another is masked whole
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        this.knownSecrets = List.copyOf(secrets);
    }

    public static SecretRedactor shapesOnly() {
        return new SecretRedactor(List.of());
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String result = text;
        for (String secret : knownSecrets) {
            result = result.replace(secret, MASK);
        }
        for (Shape shape : SHAPES) {
            result = shape.pattern().matcher(result).replaceAll(shape.replacement());
        }
        return result;
    }
}
