package dev.llmhealth.archfixture.violating.domain.service;

import dev.llmhealth.archfixture.violating.app.AppSettings;

/** The domain reading the composition root's settings. */
public final class KnowsTheApp {
    public int interval(AppSettings settings) {
        return settings.intervalSeconds();
    }
}
