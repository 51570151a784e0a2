package dev.llmhealth.domain.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which areas (model groups, upstream hosts) have every one of their deployments unhealthy, and
 * which changed since the last look: the rule behind {@code outage_alerts} and
 * {@code region_outage_alerts}. An unchecked deployment is not unhealthy, so a group is never
 * "down" before its checks say so.
 */
final class Outages {

    /** An area went down, or came back (then with how long it was down, when this replica saw it go). */
    record Change(String area, boolean down, Optional<Duration> duration) {
    }

    private final int minimumMembers;
    private final Map<String, Instant> downSince = new HashMap<>();

    /** @param minimumMembers fewer deployments than this make no area (one host with one deployment is that deployment's alert) */
    Outages(int minimumMembers) {
        this.minimumMembers = minimumMembers;
    }

    List<Change> evaluate(Map<String, List<String>> areas, Predicate<String> unhealthy, Instant at) {
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, List<String>> area : areas.entrySet()) {
            List<String> members = area.getValue();
            boolean down = members.size() >= minimumMembers && members.stream().allMatch(unhealthy);
            boolean wasDown = downSince.containsKey(area.getKey());
            if (down && !wasDown) {
                downSince.put(area.getKey(), at);
                changes.add(new Change(area.getKey(), true, Optional.empty()));
            } else if (!down && wasDown) {
                Instant since = downSince.remove(area.getKey());
                changes.add(new Change(area.getKey(), false, Optional.of(Duration.between(since, at))));
            }
        }
        // an area removed by a reload is simply forgotten: nobody is left to tell that it is back
        downSince.keySet().retainAll(areas.keySet());
        return changes;
    }

    Optional<Instant> downSince(String area) {
        return Optional.ofNullable(downSince.get(area));
    }
}
