package dev.llmhealth.adapters.probes.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.policy.SecretRedactor;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCleanerTest {

    /** Matches no secret shape: only knowing it masks it. */
    private static final String KEY = "azurecanarykey0123456789abcdef";
    private final MessageCleaner cleaner = new MessageCleaner(new SecretRedactor(List.of(KEY)), KEY);

    @Test
    void a_key_cut_by_the_scan_limit_leaves_no_fragment() {
        // 800 characters are scanned: the key starts k characters before that
        for (int k = 1; k < KEY.length(); k++) {
            // whitespace collapses, so what is left of the key would be near the start of the line
            String body = "error:" + " ".repeat(800 - 6 - k) + KEY + " and more";

            String cleaned = cleaner.clean(body);

            assertFalse(cleaned.contains(KEY.substring(0, 4)), k + ": " + cleaned);
        }
    }

    @Test
    void a_short_message_keeps_its_words_with_secrets_masked() {
        assertEquals("bad key *** and Bearer ***", cleaner.clean("bad key " + KEY + "\n and  Bearer sk-other-123"));
    }

    @Test
    void a_long_message_ends_in_an_ellipsis() {
        String cleaned = cleaner.clean("word ".repeat(1000));

        assertTrue(cleaned.endsWith("..."), cleaned);
        assertEquals(MessageCleaner.MAX_CHARS + 3, cleaned.length());
    }
}
