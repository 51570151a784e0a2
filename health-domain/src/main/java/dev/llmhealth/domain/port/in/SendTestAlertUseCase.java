package dev.llmhealth.domain.port.in;

import dev.llmhealth.domain.model.TestAlertReport;

/** {@code POST /health/alerts/test}: a test message to every configured channel now, and which took it. */
public interface SendTestAlertUseCase {

    /** Waits for every channel (each bounded by its own timeout); one try each, no retries. */
    TestAlertReport sendTestAlert();
}
