package dev.llmhealth.domain.port.in;

import dev.llmhealth.domain.model.UptimeAnswer;
import dev.llmhealth.domain.model.UptimeWindow;
import java.util.Optional;

/** {@code GET /health/uptime}: each deployment's uptime and outages over a window, from the recorded transitions. */
public interface GetUptimeQuery {

    /** @param model only this model group's deployments */
    UptimeAnswer uptime(UptimeWindow window, Optional<String> model);
}
