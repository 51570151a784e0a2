package dev.llmhealth.app.config;

import java.util.Locale;

/**
 * The mode of a deployment whose {@code model_info} names none. LiteLLM's health check takes it
 * from its model cost map ({@code text-embedding-3-small} is an embedding model, {@code whisper-1}
 * a transcription model) and falls back to chat; this keeps the model families of that map by
 * name, so such deployments get the probe that fits them, never a chat call. Azure's names are the
 * operator's own deployment names, which that map does not know: chat, as in LiteLLM.
 */
final class ModelModes {

    private ModelModes() {
    }

    static String guess(String provider, String model) {
        if (provider.startsWith("azure")) {
            return "chat";
        }
        String name = model.toLowerCase(Locale.ROOT);
        if (name.contains("embed")) {
            return "embedding";
        }
        if (name.contains("rerank")) {
            return "rerank";
        }
        if (name.contains("moderation")) {
            return "moderation";
        }
        if (name.contains("whisper") || name.contains("transcribe")) {
            return "audio_transcription";
        }
        if (name.startsWith("tts-") || name.contains("-tts")) {
            return "audio_speech";
        }
        if (name.startsWith("dall-e") || name.startsWith("gpt-image") || name.contains("stable-diffusion") || name.startsWith("imagen")) {
            return "image_generation";
        }
        if (name.equals("gpt-3.5-turbo-instruct") || name.startsWith("text-davinci") || name.equals("babbage-002")
                || name.equals("davinci-002")) {
            return "completion";
        }
        return "chat";
    }
}
