package dev.llmhealth.domain.model;

/** How a deployment is actively checked. */
public enum ProbeMode {
    /** A free listing call: proves reachability and authentication. */
    MODELS,
    /** A short real completion of a few tokens: proves the whole path. */
    COMPLETION,
    /** Never called; assumed healthy until evidence says otherwise. */
    NONE
}
