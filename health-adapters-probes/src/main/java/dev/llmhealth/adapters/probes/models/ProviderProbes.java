package dev.llmhealth.adapters.probes.models;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.ModelProbe;
import dev.llmhealth.domain.port.out.ProbeSpend;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The model-probe port for a whole model list: each deployment is probed by its provider family's
 * probe ({@link ProviderFamily#of}), over a client with the deployment's TLS trust. Owns the
 * {@link OutboundHttp} it is given and closes it.
 */
public final class ProviderProbes implements ModelProbe, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProviderProbes.class.getName());

    private final Map<String, ModelProbe> byDeployment;
    private final Map<String, ProviderFamily> families;
    private final OutboundHttp outbound;

    private ProviderProbes(Map<String, ModelProbe> byDeployment, Map<String, ProviderFamily> families, OutboundHttp outbound) {
        this.byDeployment = Map.copyOf(byDeployment);
        this.families = Map.copyOf(families);
        this.outbound = outbound;
    }

    /**
     * @param endpointsByDeploymentId every deployment to probe, keyed by {@code Deployment.id()}
     * @param spend                   told what each completion probe's tokens cost
     */
    public static ProviderProbes create(Map<String, ProviderEndpoint> endpointsByDeploymentId, SecretRedactor redactor,
                                        OutboundHttp outbound, ProbeSpend spend) {
        Objects.requireNonNull(outbound, "outbound");
        // one probe per family and trust choice, each knowing its own deployments
        Map<Boolean, Map<ProviderFamily, Map<String, ProviderEndpoint>>> groups = new HashMap<>();
        Map<String, ProviderFamily> families = new LinkedHashMap<>();
        int unverified = 0;
        for (Map.Entry<String, ProviderEndpoint> entry : endpointsByDeploymentId.entrySet()) {
            ProviderEndpoint endpoint = entry.getValue();
            ProviderFamily family = ProviderFamily.of(endpoint.provider());
            families.put(entry.getKey(), family);
            groups.computeIfAbsent(endpoint.sslVerify(), v -> new EnumMap<>(ProviderFamily.class))
                    .computeIfAbsent(family, f -> new LinkedHashMap<>())
                    .put(entry.getKey(), endpoint);
            if (!endpoint.sslVerify()) {
                unverified++;
            }
        }
        Map<String, ModelProbe> byDeployment = new HashMap<>();
        groups.forEach((verifyTls, byFamily) -> {
            HttpClient http = outbound.client(verifyTls);
            byFamily.forEach((family, endpoints) -> {
                ModelProbe probe = probeFor(family, endpoints, redactor, http, spend);
                endpoints.keySet().forEach(id -> byDeployment.put(id, probe));
            });
        });
        if (unverified > 0) {
            LOG.log(System.Logger.Level.WARNING, "TLS certificate verification is OFF (ssl_verify: false) for {0} of {1} model deployments:"
                    + " their probes accept any certificate and host name", unverified, endpointsByDeploymentId.size());
        }
        return new ProviderProbes(byDeployment, families, outbound);
    }

    private static ModelProbe probeFor(ProviderFamily family, Map<String, ProviderEndpoint> endpoints, SecretRedactor redactor,
                                       HttpClient http, ProbeSpend spend) {
        return switch (family) {
            case OPENAI_COMPATIBLE -> new OpenAiCompatibleModelProbe(endpoints, redactor, http, spend);
            case AZURE_OPENAI -> new AzureOpenAiModelProbe(endpoints, redactor, http, spend);
            case ANTHROPIC -> new AnthropicModelProbe(endpoints, redactor, http, spend);
            case OLLAMA -> new OllamaModelProbe(endpoints, redactor, http, spend);
            case GEMINI -> new GeminiModelProbe(endpoints, redactor, http, spend);
            case COHERE -> new CohereModelProbe(endpoints, redactor, http, spend);
            case GENERIC_HTTP -> new HttpReachabilityProbe(endpoints, redactor, http);
        };
    }

    /** Which family probes a deployment; empty when it has no endpoint. */
    public Optional<ProviderFamily> family(String deploymentId) {
        return Optional.ofNullable(families.get(deploymentId));
    }

    @Override
    public ProbeResult probe(Deployment deployment, Duration timeout) {
        ModelProbe probe = byDeployment.get(deployment.id());
        if (probe == null) {
            return ProbeResult.unhealthy(ErrorKind.UNKNOWN, "no provider endpoint configured");
        }
        return probe.probe(deployment, timeout);
    }

    /** Closes the outbound clients: calls in flight are abandoned. */
    @Override
    public void close() {
        outbound.close();
    }
}
