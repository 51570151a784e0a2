package dev.llmhealth.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmhealth.domain.model.HealthStatus;
import dev.llmhealth.domain.model.ModelHealthReport;
import dev.llmhealth.domain.policy.AggregationPolicy;
import dev.llmhealth.domain.model.ProxyHealth;
import dev.llmhealth.domain.model.Readiness;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.model.ServicesReport;
import dev.llmhealth.domain.port.in.CheckModelNowUseCase;
import dev.llmhealth.domain.port.in.GetLivenessQuery;
import dev.llmhealth.domain.port.in.GetModelHealthQuery;
import dev.llmhealth.domain.port.in.GetProxyHealthQuery;
import dev.llmhealth.domain.port.in.GetReadinessQuery;
import dev.llmhealth.domain.port.in.GetServiceHealthQuery;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every health endpoint's answer, as bytes, status code and content type, with no server framework
 * involved: the Helidon routes serve these, and an embedding host on another HTTP stack can too.
 * Unfiltered answers are rendered once per snapshot.
 */
public final class HealthResponses {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpAnswer ALIVE = HttpAnswer.json(HttpStatusMapper.forLiveness(true), write("I'm alive!"));
    private static final HttpAnswer STALLED = error(HttpStatusMapper.forLiveness(false), "service_unavailable", "health checks stalled");

    private final GetProxyHealthQuery proxyHealth;
    private final GetReadinessQuery readiness;
    private final GetLivenessQuery liveness;
    private final GetModelHealthQuery models;
    private final GetServiceHealthQuery services;
    private final CheckModelNowUseCase checkModelNow;
    private final String litellmVersion;
    private final RenderCache<ProxyHealth> healthCache;
    private final RenderCache<ProxyHealth> statusOnlyCache;
    private final RenderCache<Readiness> readinessCache = new RenderCache<>(HealthResponses::renderReadiness);
    private final boolean details;
    private final RenderCache<ModelHealthReport> modelsCache = new RenderCache<>(this::renderModels);
    private final RenderCache<ServicesReport> servicesCache = new RenderCache<>(r -> renderServices(r, Optional.empty()));

    /** Without on-request checks: {@code /health?model=} answers the group's latest verdicts from the snapshot. */
    public HealthResponses(GetProxyHealthQuery proxyHealth, GetReadinessQuery readiness, GetLivenessQuery liveness,
                           GetModelHealthQuery models, GetServiceHealthQuery services, String litellmVersion) {
        this(proxyHealth, readiness, liveness, models, services, model -> checked(models.modelHealth(model)), litellmVersion);
    }

    public HealthResponses(GetProxyHealthQuery proxyHealth, GetReadinessQuery readiness, GetLivenessQuery liveness,
                           GetModelHealthQuery models, GetServiceHealthQuery services, CheckModelNowUseCase checkModelNow,
                           String litellmVersion) {
        this(proxyHealth, readiness, liveness, models, services, checkModelNow, litellmVersion, true);
    }

    /**
     * @param details false for LiteLLM's {@code health_check_details: false}: deployments are listed without their
     *                {@code api_base}, error or warning text, on {@code /health} and {@code /health/models}
     */
    public HealthResponses(GetProxyHealthQuery proxyHealth, GetReadinessQuery readiness, GetLivenessQuery liveness,
                           GetModelHealthQuery models, GetServiceHealthQuery services, CheckModelNowUseCase checkModelNow,
                           String litellmVersion, boolean details) {
        this.details = details;
        this.checkModelNow = checkModelNow;
        this.proxyHealth = proxyHealth;
        this.readiness = readiness;
        this.liveness = liveness;
        this.models = models;
        this.services = services;
        this.litellmVersion = litellmVersion;
        this.healthCache = new RenderCache<>(h -> HttpAnswer.json(HttpStatusMapper.forHealth(h.isHealthy()),
                write(JsonViews.ProxyHealthView.of(h, litellmVersion, details))));
        this.statusOnlyCache = new RenderCache<>(h -> HttpAnswer.json(HttpStatusMapper.forHealth(h.isHealthy()),
                write(new JsonViews.StatusOnlyView(h.status().word()))));
    }

    /** {@code GET /health}: 200 healthy, 503 unhealthy (so {@code curl -f} fails). */
    public HttpAnswer health() {
        return healthCache.answerFor(proxyHealth.proxyHealth());
    }

    /**
     * {@code GET /health?model=NAME} (LiteLLM's own query): checks that model group now, waiting at most
     * the probe timeout (shared with concurrent callers, at most once per few seconds), then answers
     * its deployments: 200 when one of them is healthy, 503 otherwise, 404 for a model not configured.
     */
    public HttpAnswer modelGroupHealth(String model) {
        if (!checkModelNow.checkNow(model)) {
            return error(404, "not_found", "model '" + model + "' is not configured");
        }
        ModelHealthReport group = models.modelHealth(model);
        return HttpAnswer.json(HttpStatusMapper.forHealth(AggregationPolicy.groupStatus(group) == HealthStatus.HEALTHY),
                write(JsonViews.ModelGroupHealthView.of(model, proxyHealth.proxyHealth(), group, litellmVersion, details)));
    }

    private static boolean checked(ModelHealthReport group) {
        return !group.healthy().isEmpty() || !group.unhealthy().isEmpty();
    }

    /** {@code GET /health} for a caller without the master key: only the status, with its true code. */
    public HttpAnswer healthStatusOnly() {
        return statusOnlyCache.answerFor(proxyHealth.proxyHealth());
    }

    public HttpAnswer readiness() {
        return readinessCache.answerFor(readiness.readiness());
    }

    public HttpAnswer liveliness() {
        return liveness.alive() ? ALIVE : STALLED;
    }

    public HttpAnswer models(Optional<String> model) {
        if (model.isEmpty()) {
            return modelsCache.answerFor(models.modelHealth());
        }
        return renderModels(models.modelHealth(model.get()));
    }

    public HttpAnswer services(Optional<String> service) {
        if (service.isEmpty()) {
            return servicesCache.answerFor(services.services());
        }
        Optional<ServiceName> name = ServiceName.fromKey(service.get());
        if (name.isEmpty()) {
            String known = Arrays.stream(ServiceName.values()).map(ServiceName::key).collect(Collectors.joining(", "));
            return error(400, "bad_request", "unknown service; known services: " + known);
        }
        return renderServices(services.services(), name);
    }

    public String litellmVersion() {
        return litellmVersion;
    }

    public static HttpAnswer error(int status, String type, String message) {
        return HttpAnswer.json(status, write(JsonViews.ErrorView.of(status, type, message)));
    }

    private static HttpAnswer renderReadiness(Readiness readiness) {
        return HttpAnswer.json(HttpStatusMapper.forReadiness(readiness.ready()), write(JsonViews.ReadinessView.of(readiness)));
    }

    private HttpAnswer renderModels(ModelHealthReport report) {
        return HttpAnswer.json(HttpStatusMapper.OK, write(JsonViews.ModelsView.of(report, details)));
    }

    private static HttpAnswer renderServices(ServicesReport report, Optional<ServiceName> only) {
        boolean down = only.isEmpty() ? report.requiredServiceDown() : report.requiredDown().contains(only.get());
        return HttpAnswer.json(HttpStatusMapper.forServices(down), write(JsonViews.services(report, only)));
    }

    private static byte[] write(Object view) {
        try {
            return JSON.writeValueAsBytes(view);
        } catch (JsonProcessingException impossible) {
            // views are plain records of strings and numbers
            throw new IllegalStateException("cannot serialize " + view.getClass().getSimpleName(), impossible);
        }
    }
}
