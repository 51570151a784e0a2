package dev.llmhealth.adapters.probes.models;

import dev.llmhealth.domain.model.ProbeMode;

/**
 * Which kind of call a probe makes for a deployment: the one rule, shared by every family, that
 * turns the probe mode, {@code model_info.mode} and the wildcard rule into "list the models" or
 * "make this cheap call". A family that cannot make a kind of call (Anthropic has no embeddings,
 * Azure no rerank) lists instead; no family ever sends chat parameters to a non-chat deployment.
 */
enum CallKind {
    /** The free listing call: reachability and the key. */
    LIST,
    /** A few-token chat completion. */
    CHAT,
    /** A few-token legacy text completion ({@code mode: completion}, {@code text-completion-openai/...}). */
    TEXT,
    /** One short embedding. */
    EMBEDDING,
    /** One moderation of a short input (free at OpenAI). */
    MODERATION,
    /** One query against one short document. */
    RERANK,
    /** A Responses-API call with a small {@code max_output_tokens}. */
    RESPONSES;

    static CallKind of(ProviderEndpoint endpoint, ProbeMode probeMode) {
        // a wildcard names no model to call: listing is all that can be proven, in every probe mode
        if (probeMode != ProbeMode.COMPLETION || endpoint.isWildcard()) {
            return LIST;
        }
        return switch (endpoint.mode()) {
            case "chat" -> textCompletionProvider(endpoint.provider()) ? TEXT : CHAT;
            case "completion" -> TEXT;
            case "embedding" -> EMBEDDING;
            case "moderation" -> MODERATION;
            case "rerank" -> RERANK;
            case "responses" -> RESPONSES;
            // image_generation, audio_transcription, audio_speech, batch, realtime, ...: a real call
            // would cost money or need inputs (an audio file, a socket); the listing still proves reachability and auth
            default -> LIST;
        };
    }

    /** {@code text-completion-openai/...} and {@code azure_text/...} speak the legacy completions API. */
    private static boolean textCompletionProvider(String provider) {
        return provider.equals("text-completion-openai") || provider.equals("azure_text");
    }
}
