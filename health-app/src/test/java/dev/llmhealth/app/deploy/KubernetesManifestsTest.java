package dev.llmhealth.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmhealth.app.config.ConfigLoader;
import dev.llmhealth.app.config.ProxyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s, checked without a cluster and without downloads: every document parses, has a kind and
 * apiVersion Kubernetes (1.25+) and the Prometheus Operator serve, the fields the API server requires,
 * the spec's probes, and labels, selectors and port names that line up across the objects (the
 * mistakes {@code kubectl apply} would not catch: a Service or ServiceMonitor selecting nothing).
 */
class KubernetesManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, String> API_VERSIONS = Map.of(
            "Deployment", "apps/v1",
            "Service", "v1",
            "ConfigMap", "v1",
            "Secret", "v1",
            "PodDisruptionBudget", "policy/v1",
            "ServiceMonitor", "monitoring.coreos.com/v1");
    private static final java.util.regex.Pattern DNS_1123 = java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private static Path dir;
    private static final Map<String, JsonNode> BY_KIND = new HashMap<>();

    @BeforeAll
    static void readManifests() throws IOException {
        dir = deployDirectory().resolve("k8s");
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml")).sorted().toList();
        }
        for (Path file : files) {
            ObjectReader reader = YAML.readerFor(JsonNode.class);
            try (var docs = reader.<JsonNode>readValues(Files.readString(file))) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc == null || doc.isNull() || doc.isMissingNode()) {
                        continue;
                    }
                    String kind = text(doc, "kind", file);
                    if (BY_KIND.put(kind, doc) != null) {
                        fail("two " + kind + "s in deploy/k8s");
                    }
                }
            }
        }
        assertEquals(API_VERSIONS.keySet(), BY_KIND.keySet(), "the objects deploy/k8s ships");
    }

    @Test
    void everyObjectHasItsKindsApiVersionAndAValidName() {
        BY_KIND.forEach((kind, doc) -> {
            assertEquals(API_VERSIONS.get(kind), doc.path("apiVersion").asText(), kind + " apiVersion");
            String name = doc.path("metadata").path("name").asText();
            assertTrue(DNS_1123.matcher(name).matches() && name.length() <= 63, kind + " metadata.name '" + name + "'");
            assertEquals("llm-health", doc.path("metadata").path("labels").path("app.kubernetes.io/name").asText(), kind + " labels");
        });
    }

    @Test
    void kustomizationListsEveryFile() throws IOException {
        JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        Set<String> listed = new HashSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> files = new HashSet<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).forEach(files::add);
        }
        assertEquals(files, listed);
    }

    @Test
    void deploymentHasTheSpecsProbesAndAStartupProbe() {
        JsonNode container = onlyContainer();
        JsonNode liveness = container.path("livenessProbe");
        assertEquals("/health/liveliness", liveness.path("httpGet").path("path").asText());
        assertEquals(4000, liveness.path("httpGet").path("port").asInt());
        assertEquals(30, liveness.path("initialDelaySeconds").asInt());
        assertEquals(10, liveness.path("periodSeconds").asInt());
        JsonNode readiness = container.path("readinessProbe");
        assertEquals("/health/readiness", readiness.path("httpGet").path("path").asText());
        assertEquals(4000, readiness.path("httpGet").path("port").asInt());
        assertEquals(10, readiness.path("initialDelaySeconds").asInt());
        assertEquals(5, readiness.path("periodSeconds").asInt());
        JsonNode startup = container.path("startupProbe");
        assertEquals("/health/liveliness", startup.path("httpGet").path("path").asText());
        assertEquals(4000, startup.path("httpGet").path("port").asInt());
        assertTrue(startup.path("failureThreshold").asInt() >= 1 && startup.path("periodSeconds").asInt() >= 1);

        assertTrue(portNames(container.path("ports"), "containerPort").containsValue(4000), "the container exposes 4000");
        assertFalse(container.path("image").asText().isBlank(), "image");
    }

    @Test
    void deploymentRunsAsNonRootAndReadsItsConfigAndKeys() {
        JsonNode deployment = BY_KIND.get("Deployment");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), "runAsNonRoot");
        assertTrue(pod.path("securityContext").path("runAsUser").asInt() > 0, "runAsUser");

        JsonNode container = onlyContainer();
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        int config = args.indexOf("--config");
        assertTrue(config >= 0, "--config in " + args);
        Path configPath = Path.of(args.get(config + 1));

        // the config file is the ConfigMap's config.yaml, mounted where --config points
        JsonNode mount = find(container.path("volumeMounts"), "mountPath", configPath.getParent().toString());
        JsonNode volume = find(pod.path("volumes"), "name", mount.path("name").asText());
        assertEquals(BY_KIND.get("ConfigMap").path("metadata").path("name").asText(), volume.path("configMap").path("name").asText());
        assertTrue(BY_KIND.get("ConfigMap").path("data").has(configPath.getFileName().toString()));

        // the keys come from the Secret
        Set<String> secretRefs = new HashSet<>();
        container.path("envFrom").forEach(e -> secretRefs.add(e.path("secretRef").path("name").asText()));
        assertTrue(secretRefs.contains(BY_KIND.get("Secret").path("metadata").path("name").asText()), "envFrom the Secret");
    }

    @Test
    void eachPodIsAReplicaNamedAfterItself() {
        JsonNode replica = find(onlyContainer().path("env"), "name", "LLM_HEALTH_REPLICA");
        assertEquals("metadata.name", replica.path("valueFrom").path("fieldRef").path("fieldPath").asText(), replica.toString());
    }

    @Test
    void theConfigMapsConfigLoadsWithTheSecretsKeys() {
        Map<String, String> environment = new HashMap<>();
        BY_KIND.get("Secret").path("stringData").properties().forEach(e -> environment.put(e.getKey(), e.getValue().asText()));
        String yaml = BY_KIND.get("ConfigMap").path("data").path("config.yaml").asText();
        ProxyConfig config = new ConfigLoader(environment).parse(yaml);
        assertFalse(config.models().isEmpty());
        assertTrue(config.masterKey().isPresent(), "master key from the Secret");
        assertTrue(config.databaseUrl().isPresent(), "database from the Secret");
        assertTrue(config.redis().isPresent(), "redis from the Secret");
        // and the ConfigMap holds no secret value itself
        environment.values().stream().filter(v -> v.contains("REPLACE-ME"))
                .forEach(secret -> assertFalse(yaml.contains(secret), "a Secret value in the ConfigMap"));
        assertFalse(yaml.contains("REPLACE-ME"), "a placeholder key in the ConfigMap");
    }

    @Test
    void secretHoldsPlaceholdersOnly() {
        JsonNode secret = BY_KIND.get("Secret");
        assertEquals("Opaque", secret.path("type").asText());
        JsonNode data = secret.path("stringData");
        assertTrue(data.size() > 0);
        data.properties().forEach(e -> assertTrue(e.getValue().asText().contains("REPLACE-ME")
                || e.getKey().equals("REDIS_HOST"), e.getKey() + " is not a placeholder"));
    }

    @Test
    void serviceSelectsThePodsAndNamesThePort() {
        JsonNode service = BY_KIND.get("Service");
        Map<String, String> podLabels = labels(BY_KIND.get("Deployment").path("spec").path("template").path("metadata").path("labels"));
        Map<String, String> selector = labels(service.path("spec").path("selector"));
        assertFalse(selector.isEmpty());
        assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), "the Service selects the pods: " + selector);
        JsonNode port = service.path("spec").path("ports").get(0);
        assertEquals(4000, port.path("port").asInt());
        Map<String, Integer> containerPorts = portNames(onlyContainer().path("ports"), "containerPort");
        JsonNode target = port.path("targetPort");
        assertTrue(target.isInt() ? containerPorts.containsValue(target.asInt()) : containerPorts.containsKey(target.asText()),
                "targetPort " + target + " is a container port");
    }

    @Test
    void deploymentSelectorMatchesItsTemplate() {
        JsonNode spec = BY_KIND.get("Deployment").path("spec");
        Map<String, String> selector = labels(spec.path("selector").path("matchLabels"));
        assertFalse(selector.isEmpty());
        assertTrue(labels(spec.path("template").path("metadata").path("labels")).entrySet().containsAll(selector.entrySet()));
    }

    @Test
    void podDisruptionBudgetCoversThePodsAndLeavesRoomToDrain() {
        JsonNode pdb = BY_KIND.get("PodDisruptionBudget").path("spec");
        Map<String, String> podLabels = labels(BY_KIND.get("Deployment").path("spec").path("template").path("metadata").path("labels"));
        assertTrue(podLabels.entrySet().containsAll(labels(pdb.path("selector").path("matchLabels")).entrySet()));
        assertTrue(pdb.has("minAvailable") ^ pdb.has("maxUnavailable"), "exactly one of minAvailable / maxUnavailable");
        int replicas = BY_KIND.get("Deployment").path("spec").path("replicas").asInt(1);
        if (pdb.has("minAvailable")) {
            assertTrue(pdb.path("minAvailable").asInt() < replicas, "minAvailable below replicas, or no node ever drains");
        }
    }

    @Test
    void serviceMonitorScrapesMetricsThroughTheServicesNamedPort() {
        JsonNode monitor = BY_KIND.get("ServiceMonitor").path("spec");
        JsonNode service = BY_KIND.get("Service");
        assertTrue(labels(service.path("metadata").path("labels")).entrySet()
                .containsAll(labels(monitor.path("selector").path("matchLabels")).entrySet()), "the ServiceMonitor selects the Service");
        assertTrue(monitor.path("endpoints").size() > 0);
        Set<String> servicePortNames = portNames(service.path("spec").path("ports"), "port").keySet();
        for (JsonNode endpoint : monitor.path("endpoints")) {
            assertTrue(servicePortNames.contains(endpoint.path("port").asText()),
                    "endpoint port '" + endpoint.path("port").asText() + "' is a named port of the Service " + servicePortNames);
            assertEquals("/metrics", endpoint.path("path").asText());
            assertTrue(endpoint.path("interval").asText().matches("\\d+[smh]"), "interval is a duration");
        }
    }

    private static JsonNode onlyContainer() {
        JsonNode containers = BY_KIND.get("Deployment").path("spec").path("template").path("spec").path("containers");
        assertEquals(1, containers.size(), "one container");
        JsonNode container = containers.get(0);
        assertNotNull(container.get("name"));
        return container;
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new HashMap<>();
        node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static Map<String, Integer> portNames(JsonNode ports, String numberField) {
        Map<String, Integer> byName = new HashMap<>();
        ports.forEach(p -> byName.put(p.path("name").asText(), p.path(numberField).asInt()));
        return byName;
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode item : list) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + list);
    }

    private static String text(JsonNode doc, String field, Path file) {
        JsonNode value = doc.get(field);
        if (value == null || !value.isTextual()) {
            throw new AssertionError(file.getFileName() + ": a document without " + field);
        }
        return value.asText();
    }

    static Path deployDirectory() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("deploy/k8s"))) {
                return d.resolve("deploy");
            }
        }
        throw new AssertionError("no deploy/k8s above " + Path.of("").toAbsolutePath());
    }
}
