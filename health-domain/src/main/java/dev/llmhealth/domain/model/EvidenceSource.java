package dev.llmhealth.domain.model;

/** Where a deployment's verdict came from. */
public enum EvidenceSource {
    PROBE("probe"),
    /** Not probed (probe mode {@code none} or background checks off): assumed healthy. */
    ASSUMED("assumed"),
    TRAFFIC("traffic");

    private final String word;

    EvidenceSource(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
