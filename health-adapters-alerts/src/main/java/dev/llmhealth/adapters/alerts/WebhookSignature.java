package dev.llmhealth.adapters.alerts;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over {@code <timestamp>.<body>} with the shared secret, hex, sent as
 * {@code X-LLM-Health-Signature: sha256=<hex>} beside {@code X-LLM-Health-Timestamp}. Signing the
 * timestamp too lets a receiver refuse old replays.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-LLM-Health-Signature";
    public static final String TIMESTAMP_HEADER = "X-LLM-Health-Timestamp";

    private WebhookSignature() {
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
        }
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(String secret, String timestamp, byte[] body, String signature) {
        return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
