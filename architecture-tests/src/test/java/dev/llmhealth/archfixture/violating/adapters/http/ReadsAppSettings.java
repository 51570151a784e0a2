package dev.llmhealth.archfixture.violating.adapters.http;

import dev.llmhealth.archfixture.violating.app.AppSettings;

/** An adapter depending on the composition root. */
public final class ReadsAppSettings {
    public int port(AppSettings settings) {
        return settings.intervalSeconds();
    }
}
