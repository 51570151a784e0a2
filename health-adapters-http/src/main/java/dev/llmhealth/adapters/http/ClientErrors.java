package dev.llmhealth.adapters.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.TimeUnit;

/**
 * Requests the client got wrong (malformed, cut short, a broken body, gone mid-answer): counted in
 * {@code llm_health_client_errors_total{reason}}, never in {@code litellm_proxy_failed_requests_metric}
 * (that one says the proxy failed) nor against a deployment, and logged at DEBUG with no stack trace,
 * a few lines a second at most: they are the client's problem, and anyone can send them.
 */
public final class ClientErrors {

    private static final System.Logger LOG = System.getLogger(ClientErrors.class.getName());

    private final Counter counter;
    private final LogRateLimit logLimit = new LogRateLimit(5, TimeUnit.SECONDS.toNanos(1), System::nanoTime);

    public ClientErrors(PrometheusRegistry registry) {
        counter = Counter.builder().name("llm_health_client_errors")
                .help("Requests refused or cut short because of the client: malformed or incomplete requests, broken bodies, "
                        + "clients that left mid-answer; never counted as failures of the proxy or of a deployment")
                .labelNames("reason")
                .register(registry);
        for (ClientError reason : ClientError.values()) {
            counter.initLabelValues(reason.label());
        }
    }

    /** @param detail what was wrong, in the server's words (never the client's bytes, which may be anything) */
    public void record(ClientError reason, String detail) {
        counter.labelValues(reason.label()).inc();
        if (!LOG.isLoggable(System.Logger.Level.DEBUG)) {
            return;
        }
        long leftOut = logLimit.tryAcquire();
        if (leftOut >= 0) {
            LOG.log(System.Logger.Level.DEBUG, leftOut == 0 ? "client error ({0}): {1}"
                    : "client error ({0}): {1} ({2} more not logged)", reason.label(), detail, String.valueOf(leftOut));
        }
    }
}
