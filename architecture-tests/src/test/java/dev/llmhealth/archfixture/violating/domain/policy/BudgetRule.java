package dev.llmhealth.archfixture.violating.domain.policy;

import dev.llmhealth.archfixture.violating.domain.model.Budget;

/** Other half of the package cycle: policy -> model. */
public final class BudgetRule {
    public boolean allows(Budget budget, int spent) {
        return spent <= budget.limit();
    }
}
