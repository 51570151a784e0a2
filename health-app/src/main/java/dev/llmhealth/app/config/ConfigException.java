package dev.llmhealth.app.config;

/** A config the proxy cannot start with. The message names the key and the problem, never a secret value. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
    }
}
