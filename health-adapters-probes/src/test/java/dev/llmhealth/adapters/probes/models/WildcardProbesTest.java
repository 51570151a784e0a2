package dev.llmhealth.adapters.probes.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A wildcard deployment ({@code openai/*}, {@code model: "*"}) is only ever listed: no completion for model {@code *}. */
class WildcardProbesTest {

    private final FakeProvider provider = new FakeProvider();
    private final ProbeHarness harness = new ProbeHarness();

    WildcardProbesTest() throws Exception {
    }

    @AfterEach
    void stop() {
        harness.close();
        provider.close();
    }

    @ParameterizedTest
    @CsvSource({"*, true", "gpt-*, true", "meta-llama/*, true", "gpt-4o, false", "llama3:latest, false", "a*b, false"})
    void a_model_ending_in_a_star_is_a_wildcard(String model, boolean wildcard) {
        assertEquals(wildcard, new ProviderEndpoint("openai", "http://h", "", model).isWildcard());
    }

    @ParameterizedTest
    @CsvSource({
            "openai, /ok/v1, /ok/v1/models", "groq, /ok/v1, /ok/v1/models", "anthropic, /ok, /ok/v1/models",
            "azure, /ok, /ok/openai/models", "ollama, /ok, /ok/api/tags", "ollama_chat, /ok, /ok/api/tags",
            "gemini, /ok, /ok/v1beta/models", "cohere, /ok, /ok/v1/models"})
    void a_wildcard_is_listed_in_every_probe_mode(String family, String base, String listing) {
        for (ProbeMode mode : new ProbeMode[] {ProbeMode.MODELS, ProbeMode.COMPLETION}) {
            ProbeResult result = harness.probe(new ProviderEndpoint(family, root(base), FakeProvider.CANARY, "*"), mode);
            assertInstanceOf(ProbeResult.Healthy.class, result, family + " " + mode + ": " + result);
        }
        for (FakeProvider.Request request : provider.requests()) {
            assertEquals("GET", request.method());
            assertEquals(listing, request.path());
            assertFalse(request.body().contains("*"), "never a call for model *");
        }
        assertEquals(2, provider.requests().size());
        assertTrue(harness.spent().isEmpty());
    }

    @Test
    void an_ollama_wildcard_is_healthy_when_the_server_answers_and_never_model_not_pulled() {
        ProbeResult result = harness.probe(new ProviderEndpoint("ollama", root("/ok"), "", "*"), ProbeMode.MODELS);

        assertInstanceOf(ProbeResult.Healthy.class, result, result.toString());
    }

    @Test
    void a_named_ollama_model_that_is_missing_is_still_not_pulled() {
        ProbeResult result = harness.probe(new ProviderEndpoint("ollama", root("/ok"), "", "mistral"), ProbeMode.MODELS);

        assertInstanceOf(ProbeResult.Unhealthy.class, result);
    }

    @Test
    void a_wildcard_with_health_check_model_substituted_is_probed_normally() {
        // the loader passes health_check_model as the model, so the endpoint is no wildcard any more
        harness.probe(new ProviderEndpoint("openai", root("/ok/v1"), FakeProvider.CANARY, "gpt-4o-mini"), ProbeMode.COMPLETION);

        assertEquals(List.of("/ok/v1/chat/completions"), provider.requests().stream().map(FakeProvider.Request::path).toList());
    }

    private String root(String path) {
        return provider.root("x").replace("/x", "") + path;
    }
}
