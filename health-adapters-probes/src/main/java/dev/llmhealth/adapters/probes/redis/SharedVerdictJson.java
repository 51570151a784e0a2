package dev.llmhealth.adapters.probes.redis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmhealth.domain.model.DeploymentState;
import dev.llmhealth.domain.model.EvidenceSource;
import dev.llmhealth.domain.model.SharedVerdict;
import java.time.Instant;
import java.util.Optional;

/** A shared verdict as it is stored in Redis: a small JSON object, read back strictly (anything else is ignored). */
final class SharedVerdictJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The stored shape; times as epoch milliseconds. */
    record Stored(String state, String source, @JsonProperty("last_check") long lastCheck, long since, String error, String warning,
                  @JsonProperty("consecutive_failures") int consecutiveFailures,
                  @JsonProperty("consecutive_successes") int consecutiveSuccesses,
                  @JsonProperty("last_success") Long lastSuccess, String replica) {
    }

    private SharedVerdictJson() {
    }

    static String write(SharedVerdict v) {
        Stored stored = new Stored(v.state().name(), v.source().name(), v.lastCheck().toEpochMilli(), v.since().toEpochMilli(),
                v.error().orElse(null), v.warning().orElse(null), v.consecutiveFailures(), v.consecutiveSuccesses(),
                v.lastSuccess().map(Instant::toEpochMilli).orElse(null), v.replica());
        try {
            return JSON.writeValueAsString(stored);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot serialize a verdict", impossible);
        }
    }

    /** Empty for anything that is not a verdict this version wrote (another program's key, an older format). */
    static Optional<SharedVerdict> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            Stored s = JSON.readValue(text, Stored.class);
            return Optional.of(new SharedVerdict(DeploymentState.valueOf(s.state()), EvidenceSource.valueOf(s.source()),
                    Instant.ofEpochMilli(s.lastCheck()), Instant.ofEpochMilli(s.since()), Optional.ofNullable(s.error()),
                    Optional.ofNullable(s.warning()), s.consecutiveFailures(), s.consecutiveSuccesses(),
                    Optional.ofNullable(s.lastSuccess()).map(Instant::ofEpochMilli), s.replica()));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException unreadable) {
            return Optional.empty();
        }
    }
}
