package dev.llmhealth.adapters.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how alert e-mails go.
 *
 * @param security  {@code STARTTLS} (upgrade required: never falls back to plain text), {@code SSL} (TLS from the first byte,
 *                  port 465), or {@code NONE} (a local relay only)
 * @param username  login, when the server asks for one; with it, {@code password}
 * @param timeout   for connecting, each read and each write
 */
public record SmtpSettings(String host, int port, Security security, Optional<String> username, Optional<String> password,
                           String from, List<String> to, Duration timeout) {

    public enum Security { STARTTLS, SSL, NONE }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("an alert e-mail needs at least one recipient");
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + " " + security + username.map(u -> " as " + u).orElse("")
                + (password.isPresent() ? " with password ***" : "") + ", from " + from + " to " + to + ", timeout " + timeout + "]";
    }
}
