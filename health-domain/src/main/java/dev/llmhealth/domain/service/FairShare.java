package dev.llmhealth.domain.service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each host's reserved share of the global probe cap for one round: max-min fair over what the
 * hosts need. A host needs at most its probes in the round and at most the per-host cap; when the
 * needs fit in the global cap every host gets all it needs, otherwise all get the same level, the
 * highest whose total fits (at least 1), and a host needing less keeps only what it needs. With
 * equal needs this is {@code min(perHost, max(1, global / hosts))}.
 */
final class FairShare {

    private FairShare() {
    }

    /** @param probesByHost how many probes each host has in the round */
    static Map<String, Integer> of(int global, int perHost, Map<String, Integer> probesByHost) {
        Map<String, Integer> needs = new LinkedHashMap<>();
        probesByHost.forEach((host, probes) -> needs.put(host, Math.min(probes, perHost)));
        if (total(needs, perHost) <= global) {
            return needs;
        }
        int level = 1;
        while (level < perHost && total(needs, level + 1) <= global) {
            level++;
        }
        Map<String, Integer> shares = new LinkedHashMap<>();
        int capped = level;
        needs.forEach((host, need) -> shares.put(host, Math.min(need, capped)));
        return shares;
    }

    private static long total(Map<String, Integer> needs, int level) {
        return needs.values().stream().mapToLong(need -> Math.min(need, level)).sum();
    }
}
