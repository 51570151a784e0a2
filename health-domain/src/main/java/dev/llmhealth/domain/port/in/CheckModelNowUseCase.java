package dev.llmhealth.domain.port.in;

/**
 * {@code GET /health?model=NAME}: probe one model group now and wait for the verdict (bounded by the
 * probe timeout). Concurrent callers share one in-flight check, and a group is probed on request at
 * most once per few seconds (the latest verdict is answered otherwise), so requests can never be
 * turned into a stream of paid probes.
 */
public interface CheckModelNowUseCase {

    /** False when no deployment of that model group is configured. */
    boolean checkNow(String modelName);
}
