package dev.llmhealth.domain.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FairShareTest {

    /** probes and expected shares are space-separated, one number per host, in the same order */
    @ParameterizedTest(name = "global {0}, per host {1}, probes [{2}] -> shares [{3}]")
    @CsvSource({
            // one host: up to min(perHost, global), never more than it has probes
            "256, 16, 40,          16",
            "8,   16, 40,          8",
            "256, 16, 5,           5",
            // the needs fit: everyone gets all it needs
            "256, 16, 1 40 3,      1 16 3",
            // the needs do not fit: an equal level, a host needing less keeps only what it needs
            "10,  16, 2 10 10,     2 4 4",
            "10,  4,  2 10 10,     2 4 4",
            "7,   16, 10 10 10,    2 2 2",
            // more hosts than permits: one each all the same
            "2,   16, 5 5 5,       1 1 1",
    })
    void sharesAreMaxMinFairOverWhatEachHostNeeds(int global, int perHost, String probes, String expected) {
        Map<String, Integer> probesByHost = new LinkedHashMap<>();
        String[] counts = probes.split(" ");
        for (int i = 0; i < counts.length; i++) {
            probesByHost.put("host-" + i, Integer.parseInt(counts[i]));
        }
        Map<String, Integer> shares = FairShare.of(global, perHost, probesByHost);
        assertEquals(expected, String.join(" ", shares.values().stream().map(String::valueOf).toList()));
    }

    @ParameterizedTest(name = "{0} hosts of 40 probes, global 256, per host 16 -> {1} each")
    @CsvSource({"100, 2", "10, 16", "20, 12", "300, 1"})
    void hostsNeedingMoreThanTheCapGetTheSimpleFairShare(int hosts, int expectedEach) {
        Map<String, Integer> probesByHost = new LinkedHashMap<>();
        for (int i = 0; i < hosts; i++) {
            probesByHost.put("host-" + i, 40);
        }
        FairShare.of(256, 16, probesByHost).forEach((host, share) -> assertEquals(expectedEach, share, host));
        assertEquals(Math.min(16, Math.max(1, 256 / hosts)), expectedEach, "the table itself: min(perHost, max(1, global / hosts))");
    }
}
