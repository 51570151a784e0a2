package dev.llmhealth.domain.port.in;

/** Runs one model check round now and publishes its snapshot (the scheduler calls it; so may an operator). */
public interface RunCheckRoundUseCase {
    void runRound();
}
