package dev.llmhealth.adapters.probes.models;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What LiteLLM knows about each provider prefix of {@code litellm_params.model} that a health check
 * needs too: which probe family speaks to it, where it lives when the config names no
 * {@code api_base}, and which environment variables LiteLLM falls back to for the key, the base URL
 * and (Azure) the API version when {@code litellm_params} gives none. One table, so the config
 * loader, the probes and the pass-through all agree.
 */
public final class ProviderCatalog {

    /**
     * One provider prefix.
     *
     * @param prefix             e.g. {@code openai}, {@code azure}, {@code groq}
     * @param family             which probe speaks to it
     * @param defaultApiBase     where it lives when neither the config nor the environment says; empty: no default
     * @param apiKeyVariables    environment variables tried in order when {@code api_key} is absent
     * @param apiBaseVariables   environment variables tried in order when {@code api_base} is absent
     * @param apiVersionVariables environment variables tried in order when {@code api_version} is absent
     * @param needsCloudSigning  true for providers whose calls need a cloud's request signing (Bedrock, Vertex AI,
     *                           SageMaker): never probed here, reported as assumed
     */
    public record ProviderSpec(String prefix, ProviderFamily family, Optional<String> defaultApiBase, List<String> apiKeyVariables,
                               List<String> apiBaseVariables, List<String> apiVersionVariables, boolean needsCloudSigning) {

        public ProviderSpec {
            apiKeyVariables = List.copyOf(apiKeyVariables);
            apiBaseVariables = List.copyOf(apiBaseVariables);
            apiVersionVariables = List.copyOf(apiVersionVariables);
        }
    }

    private static final Map<String, ProviderSpec> SPECS = new HashMap<>();

    // Checked against LiteLLM's source (BerriAI/litellm): litellm/litellm_core_utils/get_llm_provider_logic.py
    // (_get_openai_compatible_provider_info), the providers' configs under litellm/llms/*/ (their
    // _get_openai_compatible_provider_info / get_api_base / get_api_key) and litellm/main.py. Variables are in
    // LiteLLM's order of precedence.
    static {
        // litellm/main.py: api_base or OPENAI_BASE_URL or OPENAI_API_BASE or https://api.openai.com/v1; custom_openai shares the branch
        openAi("openai", "https://api.openai.com/v1", List.of("OPENAI_API_KEY"), List.of("OPENAI_BASE_URL", "OPENAI_API_BASE"));
        openAi("text-completion-openai", "https://api.openai.com/v1", List.of("OPENAI_API_KEY"), List.of("OPENAI_BASE_URL", "OPENAI_API_BASE"));
        openAi("custom_openai", null, List.of("OPENAI_API_KEY"), List.of("OPENAI_BASE_URL", "OPENAI_API_BASE"));
        openAi("openai_compatible", null, List.of(), List.of());
        // hosted_vllm, lm_studio, litellm_proxy: no default base (HostedVLLMChatConfig, LMStudioChatConfig, LiteLLMProxyChatConfig)
        openAi("hosted_vllm", null, List.of("HOSTED_VLLM_API_KEY"), List.of("HOSTED_VLLM_API_BASE"));
        openAi("vllm", null, List.of(), List.of());
        openAi("lm_studio", null, List.of("LM_STUDIO_API_KEY"), List.of("LM_STUDIO_API_BASE"));
        openAi("llamafile", "http://127.0.0.1:8080/v1", List.of("LLAMAFILE_API_KEY"), List.of("LLAMAFILE_API_BASE"));
        openAi("litellm_proxy", null, List.of("LITELLM_PROXY_API_KEY"), List.of("LITELLM_PROXY_API_BASE"));
        openAi("groq", "https://api.groq.com/openai/v1", List.of("GROQ_API_KEY"), List.of("GROQ_API_BASE"));
        // MistralConfig: the Azure-hosted Mistral variables come first, and there is no MISTRAL_API_BASE
        openAi("mistral", "https://api.mistral.ai/v1", List.of("MISTRAL_AZURE_API_KEY", "MISTRAL_API_KEY"), List.of("MISTRAL_AZURE_API_BASE"));
        openAi("codestral", "https://codestral.mistral.ai/v1", List.of("CODESTRAL_API_KEY"), List.of("CODESTRAL_API_BASE"));
        // DeepSeekChatConfig: LiteLLM's default is the beta base (chat, FIM and /models all serve under it)
        openAi("deepseek", "https://api.deepseek.com/beta", List.of("DEEPSEEK_API_KEY"), List.of("DEEPSEEK_API_BASE"));
        openAi("together_ai", "https://api.together.xyz/v1",
                List.of("TOGETHER_API_KEY", "TOGETHER_AI_API_KEY", "TOGETHERAI_API_KEY", "TOGETHER_AI_TOKEN"), List.of("TOGETHER_AI_API_BASE"));
        openAi("fireworks_ai", "https://api.fireworks.ai/inference/v1",
                List.of("FIREWORKS_API_KEY", "FIREWORKS_AI_API_KEY", "FIREWORKSAI_API_KEY", "FIREWORKS_AI_TOKEN"), List.of("FIREWORKS_API_BASE"));
        openAi("perplexity", "https://api.perplexity.ai", List.of("PERPLEXITYAI_API_KEY", "PERPLEXITY_API_KEY"),
                List.of("PERPLEXITY_API_BASE"));
        openAi("xai", "https://api.x.ai/v1", List.of("XAI_API_KEY"), List.of("XAI_API_BASE"));
        // litellm/llms/openrouter/common_utils.py; OR_SITE_URL is the HTTP-Referer LiteLLM sends, not a base URL
        openAi("openrouter", "https://openrouter.ai/api/v1", List.of("OPENROUTER_API_KEY", "OR_API_KEY"), List.of("OPENROUTER_API_BASE"));
        openAi("cerebras", "https://api.cerebras.ai/v1", List.of("CEREBRAS_API_KEY"), List.of("CEREBRAS_API_BASE"));
        openAi("deepinfra", "https://api.deepinfra.com/v1/openai", List.of("DEEPINFRA_API_KEY"), List.of("DEEPINFRA_API_BASE"));
        openAi("anyscale", "https://api.endpoints.anyscale.com/v1", List.of("ANYSCALE_API_KEY"), List.of("ANYSCALE_API_BASE"));
        openAi("sambanova", "https://api.sambanova.ai/v1", List.of("SAMBANOVA_API_KEY"), List.of("SAMBANOVA_API_BASE"));
        openAi("nvidia_nim", "https://integrate.api.nvidia.com/v1", List.of("NVIDIA_NIM_API_KEY"), List.of("NVIDIA_NIM_API_BASE"));
        openAi("github", "https://models.inference.ai.azure.com", List.of("GITHUB_API_KEY"), List.of("GITHUB_API_BASE"));
        openAi("friendliai", "https://api.friendli.ai/serverless/v1", List.of("FRIENDLIAI_API_KEY", "FRIENDLI_TOKEN"),
                List.of("FRIENDLI_API_BASE"));
        openAi("nebius", "https://api.studio.nebius.ai/v1", List.of("NEBIUS_API_KEY"), List.of("NEBIUS_API_BASE"));
        openAi("nscale", "https://inference.api.nscale.com/v1", List.of("NSCALE_API_KEY"), List.of("NSCALE_API_BASE"));
        openAi("featherless_ai", "https://api.featherless.ai/v1", List.of("FEATHERLESS_AI_API_KEY"), List.of("FEATHERLESS_AI_API_BASE"));
        openAi("lambda_ai", "https://api.lambda.ai/v1", List.of("LAMBDA_API_KEY"), List.of("LAMBDA_API_BASE"));
        openAi("hyperbolic", "https://api.hyperbolic.xyz/v1", List.of("HYPERBOLIC_API_KEY"), List.of("HYPERBOLIC_API_BASE"));
        openAi("novita", "https://api.novita.ai/v3/openai", List.of("NOVITA_API_KEY"), List.of("NOVITA_API_BASE"));
        openAi("dashscope", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1", List.of("DASHSCOPE_API_KEY"),
                List.of("DASHSCOPE_API_BASE"));
        openAi("moonshot", "https://api.moonshot.ai/v1", List.of("MOONSHOT_API_KEY"), List.of("MOONSHOT_API_BASE"));
        openAi("volcengine", "https://ark.cn-beijing.volces.com/api/v3", List.of("VOLCENGINE_API_KEY", "ARK_API_KEY"),
                List.of("VOLCENGINE_API_BASE"));
        openAi("meta_llama", "https://api.llama.com/compat/v1", List.of("LLAMA_API_KEY"), List.of("LLAMA_API_BASE"));
        // litellm/main.py and litellm/llms/azure/common_utils.py: AZURE_OPENAI_API_KEY before AZURE_API_KEY; the base
        // falls back to AZURE_OPENAI_ENDPOINT in the openai SDK's AzureOpenAI client. LiteLLM always passes an
        // api_version (AZURE_API_VERSION, else its own default), so the SDK's OPENAI_API_VERSION is never read.
        for (String azure : List.of("azure", "azure_text")) {
            put(new ProviderSpec(azure, ProviderFamily.AZURE_OPENAI, Optional.empty(), List.of("AZURE_OPENAI_API_KEY", "AZURE_API_KEY"),
                    List.of("AZURE_API_BASE", "AZURE_OPENAI_ENDPOINT"), List.of("AZURE_API_VERSION"), false));
        }
        // litellm/llms/anthropic/common_utils.py get_api_base: the bare host (the probe adds /v1/...)
        put(new ProviderSpec("anthropic", ProviderFamily.ANTHROPIC, Optional.of("https://api.anthropic.com"),
                List.of("ANTHROPIC_API_KEY"), List.of("ANTHROPIC_API_BASE", "ANTHROPIC_BASE_URL"), List.of(), false));
        // litellm/llms/ollama/common_utils.py: OLLAMA_API_BASE or http://localhost:11434; OLLAMA_API_KEY
        for (String ollama : List.of("ollama", "ollama_chat")) {
            put(new ProviderSpec(ollama, ProviderFamily.OLLAMA, Optional.of("http://localhost:11434"), List.of("OLLAMA_API_KEY"),
                    List.of("OLLAMA_API_BASE"), List.of(), false));
        }
        // litellm/llms/gemini/common_utils.py (GOOGLE_API_KEY, then GEMINI_API_KEY) and litellm/main.py (then PALM_API_KEY)
        put(new ProviderSpec("gemini", ProviderFamily.GEMINI, Optional.of("https://generativelanguage.googleapis.com"),
                List.of("GOOGLE_API_KEY", "GEMINI_API_KEY", "PALM_API_KEY"), List.of("GEMINI_API_BASE"), List.of(), false));
        // litellm/main.py cohere branches: COHERE_API_KEY or CO_API_KEY; COHERE_API_BASE (LiteLLM's default names the
        // chat endpoint, https://api.cohere.ai/v1/chat; the probe works from the service root)
        for (String cohere : List.of("cohere", "cohere_chat")) {
            put(new ProviderSpec(cohere, ProviderFamily.COHERE, Optional.of("https://api.cohere.com"),
                    List.of("COHERE_API_KEY", "CO_API_KEY"), List.of("COHERE_API_BASE"), List.of(), false));
        }
        // litellm/llms/huggingface: HUGGINGFACE_API_KEY, HF_TOKEN; an api_base is the operator's own endpoint
        put(new ProviderSpec("huggingface", ProviderFamily.GENERIC_HTTP, Optional.empty(), List.of("HUGGINGFACE_API_KEY", "HF_TOKEN"),
                List.of("HUGGINGFACE_API_BASE"), List.of(), false));
        // AWS SigV4 (Bedrock, SageMaker) and Google Cloud OAuth (Vertex AI): never probed here, reported as assumed
        for (String signed : List.of("bedrock", "bedrock_converse", "vertex_ai", "vertex_ai_beta", "sagemaker", "sagemaker_chat")) {
            put(new ProviderSpec(signed, ProviderFamily.GENERIC_HTTP, Optional.empty(), List.of(), List.of(), List.of(), true));
        }
    }

    private ProviderCatalog() {
    }

    private static void openAi(String prefix, String defaultApiBase, List<String> keyVariables, List<String> baseVariables) {
        put(new ProviderSpec(prefix, ProviderFamily.OPENAI_COMPATIBLE, Optional.ofNullable(defaultApiBase), keyVariables, baseVariables,
                List.of(), false));
    }

    private static void put(ProviderSpec spec) {
        SPECS.put(spec.prefix(), spec);
    }

    /**
     * The spec of a provider prefix ({@code openai} for none, as LiteLLM defaults); an unknown prefix
     * gets a plain HTTP reachability check of its {@code api_base}, with no default and no variables.
     */
    public static ProviderSpec of(String provider) {
        String prefix = provider == null || provider.isBlank() ? "openai" : provider.strip().toLowerCase(Locale.ROOT);
        ProviderSpec known = SPECS.get(prefix);
        return known != null ? known
                : new ProviderSpec(prefix, ProviderFamily.GENERIC_HTTP, Optional.empty(), List.of(), List.of(), List.of(), false);
    }

    /** Whether LiteLLM knows this prefix (else it is probed as a plain HTTP server). */
    public static boolean known(String provider) {
        return SPECS.containsKey(provider == null ? "" : provider.strip().toLowerCase(Locale.ROOT));
    }
}
