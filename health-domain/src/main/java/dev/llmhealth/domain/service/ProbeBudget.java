package dev.llmhealth.domain.service;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.port.out.ModelProbe;
import dev.llmhealth.domain.port.out.ProbeBudgetListener;
import dev.llmhealth.domain.port.out.ProbeSpend;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * {@code health_check_daily_budget}: adds up what completion probes cost each UTC day (as the
 * probe adapter reports it through {@link ProbeSpend}, passed on to {@code next}); once the day's
 * spend reaches the budget, completion probes become free {@code models} probes until the next
 * UTC day. A budget of 0 means none.
 */
public final class ProbeBudget implements ProbeSpend {

    private static final System.Logger LOG = System.getLogger(ProbeBudget.class.getName());

    private final double dailyBudget;
    private final Clock clock;
    private final ProbeSpend next;
    private final ProbeBudgetListener listener;
    private LocalDate day;
    private double spentToday;
    private boolean reached;

    public ProbeBudget(double dailyBudget, Clock clock, ProbeSpend next, ProbeBudgetListener listener) {
        if (!(dailyBudget >= 0) || Double.isInfinite(dailyBudget)) {
            throw new IllegalArgumentException("health_check_daily_budget must be 0 (none) or more, got " + dailyBudget);
        }
        this.dailyBudget = dailyBudget;
        this.clock = clock;
        this.next = next;
        this.listener = listener;
        this.day = today();
    }

    @Override
    public void probeSpent(Deployment deployment, long inputTokens, long outputTokens, double cost) {
        next.probeSpent(deployment, inputTokens, outputTokens, cost);
        if (dailyBudget == 0) {
            return;
        }
        boolean nowReached;
        double spent;
        synchronized (this) {
            newDay();
            spentToday += cost;
            nowReached = !reached && spentToday >= dailyBudget;
            reached |= nowReached;
            spent = spentToday;
        }
        if (nowReached) {
            LOG.log(System.Logger.Level.WARNING, String.format(Locale.ROOT, "probe spend today %.4f USD reached health_check_daily_budget "
                    + "%.4f USD: completion probes fall back to models mode until the next UTC day", spent, dailyBudget));
            listener.budgetReached(true);
        }
    }

    /** The day's budget is spent: completion probes are replaced. */
    public boolean reached() {
        if (dailyBudget == 0) {
            return false;
        }
        synchronized (this) {
            newDay();
            return reached;
        }
    }

    /** The probe, with completion probes made {@code models} probes while the budget is reached. */
    public ModelProbe limiting(ModelProbe probe) {
        if (dailyBudget == 0) {
            return probe;
        }
        return (deployment, timeout) -> deployment.probeMode() == ProbeMode.COMPLETION && reached()
                ? probe.probe(deployment.withProbeMode(ProbeMode.MODELS), timeout)
                : probe.probe(deployment, timeout);
    }

    /** Called holding the lock: a new UTC day starts with nothing spent. */
    private void newDay() {
        LocalDate today = today();
        if (today.equals(day)) {
            return;
        }
        day = today;
        spentToday = 0;
        if (reached) {
            reached = false;
            LOG.log(System.Logger.Level.INFO, "a new UTC day: completion probes resume (health_check_daily_budget)");
            listener.budgetReached(false);
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
