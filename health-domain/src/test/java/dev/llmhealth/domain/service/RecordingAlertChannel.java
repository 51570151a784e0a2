package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Alert;
import dev.llmhealth.domain.model.AlertBatch;
import dev.llmhealth.domain.model.DeliveryOutcome;
import dev.llmhealth.domain.port.out.AlertChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An alert channel for tests: takes every batch at once and keeps its alerts in order. */
final class RecordingAlertChannel implements AlertChannel {

    private final List<Alert> alerts = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public DeliveryOutcome deliver(AlertBatch batch) {
        alerts.addAll(batch.alerts());
        return DeliveryOutcome.DELIVERED;
    }

    List<Alert> alerts() {
        return List.copyOf(alerts);
    }
}
