package dev.llmhealth.adapters.http;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProxyRequestOutcome;
import dev.llmhealth.domain.model.TrafficOutcome;
import dev.llmhealth.domain.port.out.TrafficMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Real traffic as LiteLLM's Prometheus callback exports it: the same metric names, types, buckets
 * and label names, so LiteLLM's dashboards and alerts work unchanged. Each metric carries the
 * subset of LiteLLM's labels this service can fill from its configuration (no key, team or user
 * labels: there are no virtual keys here, and request input never becomes a label value).
 * Like LiteLLM, latencies and tokens are observed for successful calls only.
 */
public final class PrometheusTrafficMetrics implements TrafficMetrics {

    /** LiteLLM's {@code LATENCY_BUCKETS}, in seconds. */
    static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0,
            120.0, 300.0, 420.0, 600.0};
    /** prometheus_client's default buckets, which LiteLLM keeps for latency per output token. */
    static final double[] PER_TOKEN_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0};

    private static final String[] DEPLOYMENT = {"requested_model", "litellm_model_name", "model_id", "api_base", "api_provider"};
    private static final String[] DEPLOYMENT_FAILURE = {"requested_model", "litellm_model_name", "model_id", "api_base",
            "api_provider", "exception_status", "exception_class"};
    private static final String[] DEPLOYMENT_ONLY = {"litellm_model_name", "model_id", "api_base", "api_provider"};
    private static final String[] MODEL = {"requested_model", "model", "model_id"};

    private final DeploymentLabelCatalog catalog;
    private final Counter deploymentSuccess;
    private final Counter deploymentFailure;
    private final Counter deploymentTotal;
    private final Counter cooledDown;
    private final Histogram latencyPerOutputToken;
    private final Counter proxyTotal;
    private final Counter proxyFailed;
    private final Histogram requestLatency;
    private final Histogram apiLatency;
    private final Histogram timeToFirstToken;
    private final Counter inputTokens;
    private final Counter outputTokens;
    private final Counter totalTokens;
    private final Counter spend;

    public PrometheusTrafficMetrics(PrometheusRegistry registry, DeploymentLabelCatalog catalog) {
        this.catalog = catalog;
        deploymentSuccess = counter(registry, "litellm_deployment_success_responses",
                "LLM Deployment Analytics - Total number of successful LLM API calls via litellm", DEPLOYMENT);
        deploymentFailure = counter(registry, "litellm_deployment_failure_responses",
                "LLM Deployment Analytics - Total number of failed LLM API calls for a specific LLM deployment", DEPLOYMENT_FAILURE);
        deploymentTotal = counter(registry, "litellm_deployment_total_requests",
                "LLM Deployment Analytics - Total number of LLM API calls via litellm - success + failure", DEPLOYMENT);
        cooledDown = counter(registry, "litellm_deployment_cooled_down",
                "LLM Deployment Analytics - Number of times a deployment has been cooled down by load balancing logic",
                "litellm_model_name", "model_id", "api_base", "api_provider", "exception_status");
        latencyPerOutputToken = histogram(registry, "litellm_deployment_latency_per_output_token",
                "LLM Deployment Analytics - Latency per output token", PER_TOKEN_BUCKETS, DEPLOYMENT_ONLY);
        proxyTotal = counter(registry, "litellm_proxy_total_requests_metric",
                "Total number of requests made to the proxy server - track number of client side requests",
                "requested_model", "status_code");
        proxyFailed = counter(registry, "litellm_proxy_failed_requests_metric",
                "Total number of failed responses from proxy - the client did not get a success response from litellm proxy",
                "requested_model", "exception_status", "exception_class");
        requestLatency = histogram(registry, "litellm_request_total_latency_metric",
                "Total latency (seconds) for a request to LiteLLM", LATENCY_BUCKETS, MODEL);
        apiLatency = histogram(registry, "litellm_llm_api_latency_metric",
                "Total latency (seconds) for a models LLM API call", LATENCY_BUCKETS, MODEL);
        timeToFirstToken = histogram(registry, "litellm_llm_api_time_to_first_token_metric",
                "Time to first token for a models LLM API call", LATENCY_BUCKETS, MODEL);
        inputTokens = counter(registry, "litellm_input_tokens_metric", "Total number of input tokens from LLM requests", MODEL);
        outputTokens = counter(registry, "litellm_output_tokens_metric", "Total number of output tokens from LLM requests", MODEL);
        totalTokens = counter(registry, "litellm_total_tokens_metric", "Total number of input + output tokens from LLM requests", MODEL);
        spend = counter(registry, "litellm_spend_metric", "Total spend on LLM requests", "model", "model_id", "api_provider");
    }

    /** Starts each deployment's request counters at 0, so the first call shows up in {@code rate()}. */
    public void startCounting(List<Deployment> deployments) {
        for (Deployment deployment : deployments) {
            String[] labels = deploymentLabels(deployment, deployment.modelName());
            deploymentSuccess.initLabelValues(labels);
            deploymentTotal.initLabelValues(labels);
        }
    }

    @Override
    public void callFinished(Deployment deployment, TrafficOutcome call) {
        DeploymentLabels labels = catalog.labelsOf(deployment);
        String[] deploymentLabels = deploymentLabels(deployment, call.requestedModel());
        deploymentTotal.labelValues(deploymentLabels).inc();
        if (call.error().isPresent()) {
            ErrorKind kind = call.error().get();
            deploymentFailure.labelValues(call.requestedModel(), labels.litellmModelName(), labels.modelId(), labels.apiBase(),
                    labels.apiProvider(), LiteLlmExceptionLabels.status(call.httpStatus(), kind),
                    LiteLlmExceptionLabels.exceptionClass(labels.apiProvider(), call.httpStatus(), kind)).inc();
            return;
        }
        deploymentSuccess.labelValues(deploymentLabels).inc();
        String[] model = {call.requestedModel(), labels.litellmModelName(), labels.modelId()};
        apiLatency.labelValues(model).observe(seconds(call.latency()));
        call.timeToFirstToken().ifPresent(ttft -> timeToFirstToken.labelValues(model).observe(seconds(ttft)));
        if (call.outputTokens() > 0) {
            Duration untilAnswer = call.timeToFirstToken().orElse(call.latency());
            latencyPerOutputToken.labelValues(labels.litellmModelName(), labels.modelId(), labels.apiBase(), labels.apiProvider())
                    .observe(seconds(untilAnswer) / call.outputTokens());
        }
        inputTokens.labelValues(model).inc(call.inputTokens());
        outputTokens.labelValues(model).inc(call.outputTokens());
        totalTokens.labelValues(model).inc(call.totalTokens());
        spend.labelValues(labels.litellmModelName(), labels.modelId(), labels.apiProvider()).inc(call.cost());
    }

    @Override
    public void requestFinished(Optional<Deployment> servedBy, ProxyRequestOutcome request) {
        proxyTotal.labelValues(request.requestedModel(), Integer.toString(request.httpStatus())).inc();
        if (request.error().isPresent()) {
            ErrorKind kind = request.error().get();
            proxyFailed.labelValues(request.requestedModel(), LiteLlmExceptionLabels.status(request.httpStatus(), kind),
                    LiteLlmExceptionLabels.exceptionClass("", request.httpStatus(), kind)).inc();
            return;
        }
        Optional<DeploymentLabels> labels = servedBy.map(catalog::labelsOf);
        requestLatency.labelValues(request.requestedModel(), labels.map(DeploymentLabels::litellmModelName).orElse(""),
                labels.map(DeploymentLabels::modelId).orElse("")).observe(seconds(request.totalLatency()));
    }

    @Override
    public void cooledDown(Deployment deployment, TrafficOutcome cause) {
        DeploymentLabels labels = catalog.labelsOf(deployment);
        cooledDown.labelValues(labels.litellmModelName(), labels.modelId(), labels.apiBase(), labels.apiProvider(),
                LiteLlmExceptionLabels.status(cause.httpStatus(), cause.error().orElse(ErrorKind.UNKNOWN))).inc();
    }

    private String[] deploymentLabels(Deployment deployment, String requestedModel) {
        DeploymentLabels labels = catalog.labelsOf(deployment);
        return new String[] {requestedModel, labels.litellmModelName(), labels.modelId(), labels.apiBase(), labels.apiProvider()};
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static Counter counter(PrometheusRegistry registry, String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    private static Histogram histogram(PrometheusRegistry registry, String name, String help, double[] buckets, String... labels) {
        return Histogram.builder().name(name).help(help).classicOnly().classicUpperBounds(buckets).labelNames(labels).register(registry);
    }
}
