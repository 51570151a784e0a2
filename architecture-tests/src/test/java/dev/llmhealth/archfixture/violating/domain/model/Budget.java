package dev.llmhealth.archfixture.violating.domain.model;

import dev.llmhealth.archfixture.violating.domain.policy.BudgetRule;

/** Half of a package cycle: model -> policy. */
public record Budget(int limit, BudgetRule rule) {
}
