package dev.llmhealth.app.config;

import dev.llmhealth.domain.model.ProbeMode;
import java.util.Optional;

/**
 * One {@code model_list} entry, as far as health checking needs it.
 *
 * @param id            {@code model_info.id}, or a stable id derived from the entry
 * @param modelName     {@code model_name}: the public group name
 * @param provider      the provider prefix of {@code litellm_params.model} ({@code openai} when there is none)
 * @param upstreamModel the model name the provider knows ({@code health_check_model} when set)
 * @param apiBase       the effective base URL (the provider's default when not configured)
 * @param apiKey        the key, if any: a secret, never shown
 * @param mode          {@code model_info.mode}: chat, embedding, image_generation, ...
 * @param probeMode     how it is checked
 */
public record ModelEntry(
        String id,
        String modelName,
        String provider,
        String upstreamModel,
        String apiBase,
        Optional<String> apiKey,
        String mode,
        ProbeMode probeMode) {
}
