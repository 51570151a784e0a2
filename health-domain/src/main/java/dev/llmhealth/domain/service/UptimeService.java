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
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Uptime of every deployment the snapshot knows, from the history's transitions within the window:
 * one read per model group (bounded like {@code /health/history}'s), so one busy group cannot crowd
 * the others out of a read. When a group's window holds more transitions than one read returns, its
 * figures start at the oldest one read, and the answer says it was truncated.
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
        Map<String, List<DeploymentHealth>> groups = new TreeMap<>();
        for (DeploymentHealth verdict : store.current().deployments()) {
            String name = verdict.deployment().modelName();
            if (model.isEmpty() || model.get().equals(name)) {
                groups.computeIfAbsent(name, n -> new ArrayList<>()).add(verdict);
            }
        }
        boolean truncated = false;
        List<DeploymentUptime> deployments = new ArrayList<>();
        for (Map.Entry<String, List<DeploymentHealth>> group : groups.entrySet()) {
            HistoryAnswer answer = history.query(new HistoryQuery(Optional.of(group.getKey()), Optional.of(from), HistoryQuery.MAX_LIMIT));
            if (answer instanceof HistoryAnswer.Unavailable unavailable) {
                return new UptimeAnswer.Unavailable(unavailable.reason());
            }
            List<HealthTransition> found = ((HistoryAnswer.Found) answer).transitions();
            boolean cut = found.size() == HistoryQuery.MAX_LIMIT;
            truncated |= cut;
            // newest first: with a cut read, the oldest transition read is where this group's figures can start
            Instant start = cut ? found.getLast().at() : from;
            Map<String, List<HealthTransition>> bySubject = found.stream()
                    .filter(t -> t.kind() == HealthTransition.SubjectKind.DEPLOYMENT)
                    .collect(Collectors.groupingBy(HealthTransition::subject));
            for (DeploymentHealth verdict : group.getValue()) {
                String id = verdict.deployment().id();
                deployments.add(UptimeCalculation.of(id, group.getKey(), start, to, bySubject.getOrDefault(id, List.of()),
                        Optional.of(verdict)));
            }
        }
        return new UptimeAnswer.Found(window, from, to, truncated, deployments);
    }
}
