package dev.llmhealth.domain.model;

import java.util.Locale;
import java.util.Optional;

/** The connected services the proxy reports on. */
public enum ServiceName {
    DATABASE("database"),
    REDIS("redis");

    private final String key;

    ServiceName(String key) {
        this.key = key;
    }

    /** The JSON key and config word. */
    public String key() {
        return key;
    }

    public static Optional<ServiceName> fromKey(String key) {
        String wanted = key.toLowerCase(Locale.ROOT);
        for (ServiceName name : values()) {
            if (name.key.equals(wanted) || ("db".equals(wanted) && name == DATABASE)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
