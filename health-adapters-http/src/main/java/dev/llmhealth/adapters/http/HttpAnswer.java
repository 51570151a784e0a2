package dev.llmhealth.adapters.http;

import java.nio.charset.StandardCharsets;

/**
 * A finished HTTP answer, independent of any server framework: a host on another HTTP stack can
 * serve these bytes as they are.
 */
public record HttpAnswer(int status, String contentType, byte[] body) {

    public static final String JSON = "application/json";

    public static HttpAnswer json(int status, byte[] body) {
        return new HttpAnswer(status, JSON, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
