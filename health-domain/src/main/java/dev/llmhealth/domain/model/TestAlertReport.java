package dev.llmhealth.domain.model;

import java.util.List;
import java.util.Objects;

/** What {@code POST /health/alerts/test} found: each configured channel, and whether it took the test message. */
public record TestAlertReport(List<ChannelResult> channels) {

    public TestAlertReport {
        channels = List.copyOf(channels);
    }

    /** @param detail {@code delivered}, or why not (never an address or a secret) */
    public record ChannelResult(String channel, boolean delivered, String detail) {
        public ChannelResult {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public boolean allDelivered() {
        return channels.stream().allMatch(ChannelResult::delivered);
    }
}
