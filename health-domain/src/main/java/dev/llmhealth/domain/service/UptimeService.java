package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.DeploymentUptime;
import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.model.HistoryAnswer;
import dev.llmhealth.domain.model.HistoryQuery;
import dev.llmhealth.domain.model.UptimeAnswer;
import dev.llmhealth.domain.model.UptimeWindow;
import dev.llmhealth.domain.policy.UptimeCalculation;
import dev.llmhealth.domain.port.in.GetUptimeQuery;
import dev.llmhealth.domain.port.out.HealthHistory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Uptime of every deployment the snapshot knows, from the history's transitions within the window
 * (one read, bounded like {@code /health/history}'s). When the window holds more transitions than one
 * read returns, the figures start at the oldest one read, and the answer says so.
 */
public final class UptimeService implements GetUptimeQuery {

    private final HealthHistory history;
    private final SnapshotStore store;
    private final Clock clock;

    public UptimeService(HealthHistory history, SnapshotStore store, Clock clock) {
        this.history = history;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public UptimeAnswer uptime(UptimeWindow window, Optional<String> model) {
        Instant to = clock.instant();
        Instant from = to.minus(window.length());
        HistoryAnswer answer = history.query(new HistoryQuery(model, Optional.of(from), HistoryQuery.MAX_LIMIT));
        if (answer instanceof HistoryAnswer.Unavailable unavailable) {
            return new UptimeAnswer.Unavailable(unavailable.reason());
        }
        List<HealthTransition> found = ((HistoryAnswer.Found) answer).transitions();
        boolean truncated = found.size() == HistoryQuery.MAX_LIMIT;
        // newest first: with a cut read, the oldest transition read is where the figures can start
        Instant start = truncated ? found.getLast().at() : from;
        Map<String, List<HealthTransition>> bySubject = found.stream()
                .filter(t -> t.kind() == HealthTransition.SubjectKind.DEPLOYMENT)
                .collect(Collectors.groupingBy(HealthTransition::subject));
        List<DeploymentUptime> deployments = new ArrayList<>();
        for (DeploymentHealth verdict : store.current().deployments()) {
            String name = verdict.deployment().modelName();
            if (model.isPresent() && !model.get().equals(name)) {
                continue;
            }
            String id = verdict.deployment().id();
            deployments.add(UptimeCalculation.of(id, name, start, to, bySubject.getOrDefault(id, List.of()), Optional.of(verdict)));
        }
        return new UptimeAnswer.Found(window, start, to, truncated, deployments);
    }
}
