package dev.llmhealth.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.model.HistoryAnswer;
import dev.llmhealth.domain.model.HistoryQuery;
import dev.llmhealth.domain.port.in.GetHealthHistoryQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /health/history?model=&since=&limit=}: the recorded state transitions, newest first.
 * {@code since} is an ISO-8601 instant ({@code 2026-12-01T07:00:00Z}) or epoch seconds; {@code limit}
 * 1 to {@value HistoryQuery#MAX_LIMIT} (default {@value HistoryQuery#DEFAULT_LIMIT}). A bad value is a
 * 400 naming the parameter; a history that cannot be read now (database down) a 503.
 */
public final class HistoryResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GetHealthHistoryQuery history;

    public HistoryResponses(GetHealthHistoryQuery history) {
        this.history = history;
    }

    public HttpAnswer history(Optional<String> model, Optional<String> since, Optional<String> limit) {
        Optional<Instant> from;
        int max;
        try {
            from = since.map(HistoryResponses::instant);
        } catch (IllegalArgumentException bad) {
            return HealthResponses.error(400, "bad_request",
                    "since must be an ISO-8601 instant such as 2026-12-01T07:00:00Z, or epoch seconds, between 1970 and 9999");
        }
        try {
            max = limit.map(Integer::parseInt).orElse(HistoryQuery.DEFAULT_LIMIT);
        } catch (NumberFormatException bad) {
            max = -1;
        }
        if (max < 1 || max > HistoryQuery.MAX_LIMIT) {
            return HealthResponses.error(400, "bad_request", "limit must be a whole number from 1 to " + HistoryQuery.MAX_LIMIT);
        }
        return switch (history.history(new HistoryQuery(model, from, max))) {
            case HistoryAnswer.Found found -> HttpAnswer.json(200, write(new HistoryView(
                    found.transitions().stream().map(TransitionView::of).toList())));
            case HistoryAnswer.Unavailable unavailable ->
                    HealthResponses.error(503, "service_unavailable", "history unavailable: " + unavailable.reason());
        };
    }

    /** Years a database can hold either way: a {@code since} outside them is a client's mistake, not an outage. */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static Instant instant(String text) {
        Instant since;
        try {
            since = text.chars().allMatch(Character::isDigit) && !text.isEmpty() && text.length() <= 12
                    ? Instant.ofEpochSecond(Long.parseLong(text))
                    : Instant.parse(text);
        } catch (DateTimeParseException | ArithmeticException unreadable) {
            throw new IllegalArgumentException("since", unreadable);
        }
        if (since.isBefore(EARLIEST) || since.isAfter(LATEST)) {
            throw new IllegalArgumentException("since");
        }
        return since;
    }

    record HistoryView(List<TransitionView> transitions) {
    }

    /** One transition as {@code /health/history} lists it; the status page's live events carry the same. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TransitionView(@JsonProperty("subject_kind") String subjectKind, String subject, String model, String from, String to,
                          String error, String at, String replica) {

        public static TransitionView of(HealthTransition t) {
            return new TransitionView(t.kind().word(), t.subject(), t.modelName().orElse(null), t.from(), t.to(),
                    t.error().orElse(null), t.at().truncatedTo(ChronoUnit.MILLIS).toString(), t.replica());
        }
    }

    private static byte[] write(Object view) {
        try {
            return JSON.writeValueAsBytes(view);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot serialize the history", impossible);
        }
    }
}
