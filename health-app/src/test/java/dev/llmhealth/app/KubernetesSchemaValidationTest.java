package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every object in {@code deploy/k8s} against the official Kubernetes OpenAPI schemas, and the
 * ServiceMonitor against the Prometheus Operator CRD's schema: the validators the kubernetes-models
 * packages compile from them, kept in {@code deploy/k8s/schemas} (nothing is downloaded) and run by
 * Node. A manifest broken on purpose must fail, so the check is known to bite.
 */
class KubernetesSchemaValidationTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> BY_KIND = new LinkedHashMap<>();
    private static Path schemas;

    @TempDir
    Path work;

    @BeforeAll
    static void readManifests() throws IOException {
        Path k8s = Promtool.deployDirectory().resolve("k8s");
        schemas = k8s.resolve("schemas");
        List<Path> files;
        try (Stream<Path> list = Files.list(k8s)) {
            files = list.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml")).sorted().toList();
        }
        for (Path file : files) {
            try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file))) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc != null && doc.isObject()) {
                        BY_KIND.put(doc.path("kind").asText(), doc);
                    }
                }
            }
        }
    }

    @Test
    void everyManifestIsValidAgainstItsKindsSchema() throws IOException {
        ExternalProgram.Result result = validate(new ArrayList<>(BY_KIND.values()));
        assertEquals(0, result.exitCode(), result.output());
        for (String kind : List.of("Deployment", "Service", "ConfigMap", "Secret", "PodDisruptionBudget", "ServiceMonitor")) {
            assertTrue(result.output().contains("valid " + BY_KIND.get(kind).path("apiVersion").asText() + " " + kind), result.output());
        }
    }

    @Test
    void aManifestBrokenOnPurposeFailsItsSchema() throws IOException {
        assertInvalid("Deployment", d -> ((ObjectNode) d.at("/spec/template/spec/containers/0/ports/0")).put("containerPort", "http"),
                "containerPort must be integer");
        assertInvalid("Deployment", d -> ((ObjectNode) d.at("/spec/template/spec/containers/0")).remove("name"),
                "must have required property name");
        assertInvalid("Service", s -> ((ObjectNode) s.at("/spec/ports/0")).remove("port"), "must have required property port");
        assertInvalid("PodDisruptionBudget", p -> ((ObjectNode) p.path("spec")).set("selector", JSON.getNodeFactory().textNode("app")),
                "selector must be object");
        assertInvalid("ServiceMonitor", m -> ((ObjectNode) m.at("/spec/endpoints/0")).put("port", 4000), "port must be string");
        assertInvalid("ServiceMonitor", m -> ((ObjectNode) m.path("spec")).set("endpoints", JSON.getNodeFactory().textNode("all")),
                "endpoints must be array");
    }

    private void assertInvalid(String kind, Consumer<JsonNode> breakIt, String expected) throws IOException {
        JsonNode broken = BY_KIND.get(kind).deepCopy();
        breakIt.accept(broken);
        ExternalProgram.Result result = validate(List.of(broken));
        assertEquals(1, result.exitCode(), "a broken " + kind + " passed: " + result.output());
        assertTrue(result.output().contains(expected), result.output());
    }

    private ExternalProgram.Result validate(List<JsonNode> objects) throws IOException {
        Path node = ExternalProgram.require("node", "nodejs");
        List<String> command = new ArrayList<>(List.of(node.toString(), schemas.resolve("validate.mjs").toString()));
        for (int i = 0; i < objects.size(); i++) {
            Path file = work.resolve("object-" + i + "-" + System.nanoTime() + ".json");
            JSON.writeValue(file.toFile(), objects.get(i));
            command.add(file.toString());
        }
        return ExternalProgram.run(Duration.ofSeconds(60), work, command);
    }
}
