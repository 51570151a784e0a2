package dev.llmhealth.adapters.probes.models;

import dev.llmhealth.domain.model.ProbeResult;
import java.util.Objects;

/** What an answer means for the deployment, and the tokens it cost (a healthy completion probe's). */
record Verdict(ProbeResult result, TokenUsage usage) {

    Verdict {
        Objects.requireNonNull(result, "result");
        usage = usage == null ? TokenUsage.NONE : usage;
    }

    static Verdict of(ProbeResult result) {
        return new Verdict(result, TokenUsage.NONE);
    }
}
