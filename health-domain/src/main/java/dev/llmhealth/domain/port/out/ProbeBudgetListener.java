package dev.llmhealth.domain.port.out;

/** Hears when the day's probe spend reaches {@code health_check_daily_budget}, and when a new UTC day lifts it. */
public interface ProbeBudgetListener {

    void budgetReached(boolean reached);

    /** For a host that does not export it. */
    ProbeBudgetListener NONE = reached -> {
    };
}
