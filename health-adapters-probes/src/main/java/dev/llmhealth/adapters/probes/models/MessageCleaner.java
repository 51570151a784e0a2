package dev.llmhealth.adapters.probes.models;

import dev.llmhealth.domain.policy.SecretRedactor;

/** Makes upstream text fit to store and show: the endpoint's own key and every secret shape masked, one short line. */
record MessageCleaner(SecretRedactor redactor, String apiKey) {

    static final int MAX_CHARS = 200;
    /** Redacting a whole large body would be wasted work: only the start is kept. */
    private static final int MAX_SCANNED_CHARS = 4 * MAX_CHARS;

    String clean(String text) {
        String head = text.length() > MAX_SCANNED_CHARS ? withoutCutToken(text.substring(0, MAX_SCANNED_CHARS)) : text;
        // the key itself first, in case the shared redactor was built without it
        if (apiKey.length() >= 4) {
            head = head.replace(apiKey, SecretRedactor.MASK);
        }
        String line = redactor.redact(head).replaceAll("\\s+", " ").strip();
        return line.length() > MAX_CHARS ? line.substring(0, MAX_CHARS) + "..." : line;
    }

    /**
     * Drops the token the cut went through: the start of a secret no longer matches the secret,
     * nor always its shape, so it would pass the redactor.
     */
    private static String withoutCutToken(String head) {
        int end = head.length();
        while (end > 0 && isTokenChar(head.charAt(end - 1))) {
            end--;
        }
        return head.substring(0, end);
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || "-_.~+/=%:@".indexOf(c) >= 0;
    }
}
