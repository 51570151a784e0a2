package dev.llmhealth.adapters.probes.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalog says what LiteLLM's own source says (the file each value comes from is named in ProviderCatalog). */
class ProviderCatalogTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "openai | https://api.openai.com/v1 | OPENAI_API_KEY | OPENAI_BASE_URL OPENAI_API_BASE",
            "text-completion-openai | https://api.openai.com/v1 | OPENAI_API_KEY | OPENAI_BASE_URL OPENAI_API_BASE",
            "azure | | AZURE_OPENAI_API_KEY AZURE_API_KEY | AZURE_API_BASE AZURE_OPENAI_ENDPOINT",
            "anthropic | https://api.anthropic.com | ANTHROPIC_API_KEY | ANTHROPIC_API_BASE ANTHROPIC_BASE_URL",
            "gemini | https://generativelanguage.googleapis.com | GOOGLE_API_KEY GEMINI_API_KEY PALM_API_KEY | GEMINI_API_BASE",
            "mistral | https://api.mistral.ai/v1 | MISTRAL_AZURE_API_KEY MISTRAL_API_KEY | MISTRAL_AZURE_API_BASE",
            "groq | https://api.groq.com/openai/v1 | GROQ_API_KEY | GROQ_API_BASE",
            "cohere_chat | https://api.cohere.com | COHERE_API_KEY CO_API_KEY | COHERE_API_BASE",
            "deepseek | https://api.deepseek.com/beta | DEEPSEEK_API_KEY | DEEPSEEK_API_BASE",
            "xai | https://api.x.ai/v1 | XAI_API_KEY | XAI_API_BASE",
            "openrouter | https://openrouter.ai/api/v1 | OPENROUTER_API_KEY OR_API_KEY | OPENROUTER_API_BASE",
            "together_ai | https://api.together.xyz/v1 | TOGETHER_API_KEY TOGETHER_AI_API_KEY TOGETHERAI_API_KEY TOGETHER_AI_TOKEN | TOGETHER_AI_API_BASE",
            "fireworks_ai | https://api.fireworks.ai/inference/v1 | FIREWORKS_API_KEY FIREWORKS_AI_API_KEY FIREWORKSAI_API_KEY FIREWORKS_AI_TOKEN | FIREWORKS_API_BASE",
            "perplexity | https://api.perplexity.ai | PERPLEXITYAI_API_KEY PERPLEXITY_API_KEY | PERPLEXITY_API_BASE",
            "cerebras | https://api.cerebras.ai/v1 | CEREBRAS_API_KEY | CEREBRAS_API_BASE",
            "litellm_proxy | | LITELLM_PROXY_API_KEY | LITELLM_PROXY_API_BASE",
            "ollama | http://localhost:11434 | OLLAMA_API_KEY | OLLAMA_API_BASE",
            "ollama_chat | http://localhost:11434 | OLLAMA_API_KEY | OLLAMA_API_BASE",
            "hosted_vllm | | HOSTED_VLLM_API_KEY | HOSTED_VLLM_API_BASE",
            "friendliai | https://api.friendli.ai/serverless/v1 | FRIENDLIAI_API_KEY FRIENDLI_TOKEN | FRIENDLI_API_BASE",
            "github | https://models.inference.ai.azure.com | GITHUB_API_KEY | GITHUB_API_BASE"})
    void defaults_and_fallback_variables_follow_litellm(String prefix, String base, String keys, String bases) {
        ProviderCatalog.ProviderSpec spec = ProviderCatalog.of(prefix);

        assertTrue(ProviderCatalog.known(prefix));
        assertEquals(Optional.ofNullable(base), spec.defaultApiBase());
        assertEquals(List.of(keys.split(" ")), spec.apiKeyVariables());
        assertEquals(List.of(bases.split(" ")), spec.apiBaseVariables());
        assertFalse(spec.needsCloudSigning());
    }

    @Test
    void azure_reads_only_litellms_version_variable() {
        assertEquals(List.of("AZURE_API_VERSION"), ProviderCatalog.of("azure").apiVersionVariables());
    }

    @ParameterizedTest
    @CsvSource({"bedrock", "bedrock_converse", "vertex_ai", "vertex_ai_beta", "sagemaker", "sagemaker_chat"})
    void cloud_signed_providers_are_marked_for_the_loader_to_report_as_assumed(String prefix) {
        assertTrue(ProviderCatalog.of(prefix).needsCloudSigning());
    }

    @ParameterizedTest
    @CsvSource({"gemini, GEMINI", "cohere, COHERE", "cohere_chat, COHERE", "perplexity, OPENAI_COMPATIBLE", "openrouter, OPENAI_COMPATIBLE",
            "litellm_proxy, OPENAI_COMPATIBLE", "text-completion-openai, OPENAI_COMPATIBLE", "ollama_chat, OLLAMA", "azure_text, AZURE_OPENAI"})
    void each_prefix_has_the_family_that_speaks_its_api(String prefix, ProviderFamily family) {
        assertEquals(family, ProviderCatalog.of(prefix).family());
    }

    @Test
    void an_unknown_prefix_is_a_plain_http_check_with_no_variables() {
        ProviderCatalog.ProviderSpec spec = ProviderCatalog.of("my-gateway");

        assertFalse(ProviderCatalog.known("my-gateway"));
        assertEquals(ProviderFamily.GENERIC_HTTP, spec.family());
        assertTrue(spec.apiKeyVariables().isEmpty() && spec.defaultApiBase().isEmpty());
    }
}
