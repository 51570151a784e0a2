package dev.llmhealth.adapters.probes.models;

import java.time.Duration;

/** What came back for a probe's request: the status, the start of the body, and how long it took. */
record ProbeAnswer(int status, CappedBody body, Duration latency) {
}
