package dev.llmhealth.adapters.http.passthrough;

import dev.llmhealth.domain.model.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Spreads each model group's calls over its routable deployments in turn; the rest follow in order, for failover. */
final class RoundRobin {

    private final ConcurrentMap<String, AtomicInteger> turns = new ConcurrentHashMap<>();

    List<Deployment> order(String modelName, List<Deployment> routable) {
        if (routable.size() < 2) {
            return routable;
        }
        int first = Math.floorMod(turns.computeIfAbsent(modelName, m -> new AtomicInteger()).getAndIncrement(), routable.size());
        List<Deployment> ordered = new ArrayList<>(routable.size());
        ordered.addAll(routable.subList(first, routable.size()));
        ordered.addAll(routable.subList(0, first));
        return ordered;
    }
}
