package dev.llmhealth.adapters.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may see the details: with a master key configured, only callers presenting
 * {@code Authorization: Bearer <key>}; without one, everybody (as in the spec's examples).
 * Compared in constant time so the key cannot be guessed byte by byte from response times.
 */
public final class MasterKeyAccess {

    private final byte[] masterKey;

    private MasterKeyAccess(byte[] masterKey) {
        this.masterKey = masterKey;
    }

    public static MasterKeyAccess open() {
        return new MasterKeyAccess(null);
    }

    public static MasterKeyAccess withMasterKey(Optional<String> masterKey) {
        return masterKey.filter(k -> !k.isBlank())
                .map(k -> new MasterKeyAccess(k.getBytes(StandardCharsets.UTF_8)))
                .orElseGet(MasterKeyAccess::open);
    }

    public boolean isOpen() {
        return masterKey == null;
    }

    /** @param authorization the raw {@code Authorization} header value, if any */
    public boolean allows(Optional<String> authorization) {
        if (masterKey == null) {
            return true;
        }
        if (authorization.isEmpty()) {
            return false;
        }
        String value = authorization.get().trim();
        String token = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value;
        return MessageDigest.isEqual(masterKey, token.getBytes(StandardCharsets.UTF_8));
    }
}
