package dev.llmhealth.domain.model;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * LiteLLM's {@code alert_types} words. The health subsystem raises the first five; the others are
 * LiteLLM alerts about spend, keys and requests, accepted in a config (so an existing one loads) and
 * never raised here.
 */
public enum AlertType {
    /** A deployment became unhealthy, and recovered (LiteLLM raises it for failed calls). */
    LLM_EXCEPTIONS("llm_exceptions", true),
    /** A probe took longer than {@code alerting_threshold}, and a later one did not. */
    LLM_TOO_SLOW("llm_too_slow", true),
    /** Every deployment of a model group is unhealthy, and one came back. */
    OUTAGE_ALERTS("outage_alerts", true),
    /** Every deployment on one upstream host ({@code api_base} host:port), across groups, is unhealthy, and one came back. */
    REGION_OUTAGE_ALERTS("region_outage_alerts", true),
    /** The database or Redis disconnected (so {@code /health} may answer 503), and reconnected. */
    DB_EXCEPTIONS("db_exceptions", true),
    LLM_REQUESTS_HANGING("llm_requests_hanging", false),
    BUDGET_ALERTS("budget_alerts", false),
    SPEND_REPORTS("spend_reports", false),
    FAILED_TRACKING_SPEND("failed_tracking_spend", false),
    DAILY_REPORTS("daily_reports", false),
    COOLDOWN_DEPLOYMENT("cooldown_deployment", false),
    NEW_MODEL_ADDED("new_model_added", false),
    FALLBACK_REPORTS("fallback_reports", false),
    NEW_VIRTUAL_KEY_CREATED("new_virtual_key_created", false),
    VIRTUAL_KEY_UPDATED("virtual_key_updated", false),
    VIRTUAL_KEY_DELETED("virtual_key_deleted", false),
    NEW_TEAM_CREATED("new_team_created", false),
    TEAM_UPDATED("team_updated", false),
    TEAM_DELETED("team_deleted", false),
    NEW_INTERNAL_USER_CREATED("new_internal_user_created", false),
    INTERNAL_USER_UPDATED("internal_user_updated", false),
    INTERNAL_USER_DELETED("internal_user_deleted", false);

    private final String word;
    private final boolean raisedHere;

    AlertType(String word, boolean raisedHere) {
        this.word = word;
        this.raisedHere = raisedHere;
    }

    public String word() {
        return word;
    }

    /** Whether the health subsystem ever raises it. */
    public boolean raisedHere() {
        return raisedHere;
    }

    /** The types raised here: the default of {@code alert_types}. */
    public static Set<AlertType> raisedByHealth() {
        Set<AlertType> raised = EnumSet.noneOf(AlertType.class);
        Arrays.stream(values()).filter(AlertType::raisedHere).forEach(raised::add);
        return raised;
    }

    public static Optional<AlertType> fromWord(String word) {
        String wanted = word.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.word.equals(wanted)).findFirst();
    }
}
