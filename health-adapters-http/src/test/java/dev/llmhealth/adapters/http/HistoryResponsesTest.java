package dev.llmhealth.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.domain.model.HealthTransition;
import dev.llmhealth.domain.model.HistoryAnswer;
import dev.llmhealth.domain.service.HealthHistoryService;
import dev.llmhealth.domain.service.InMemoryHealthHistory;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code /health/history} answer from an in-memory history: filters, parameters, and a history that cannot answer. */
class HistoryResponsesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T07:00:00Z");

    private static HealthTransition at(int seconds, String model, String to) {
        return new HealthTransition(HealthTransition.SubjectKind.DEPLOYMENT, "id-" + model, Optional.of(model), "healthy", to,
                Optional.empty(), T0.plusSeconds(seconds), "replica-1");
    }

    private final InMemoryHealthHistory history = new InMemoryHealthHistory(10);
    private final HistoryResponses responses = new HistoryResponses(new HealthHistoryService(history));

    @Test
    void sinceAndModelFilterAndTheNewestComeFirst() {
        history.record(at(0, "a", "unhealthy"));
        history.record(at(10, "b", "unhealthy"));
        history.record(at(20, "a", "healthy"));

        HttpAnswer since = responses.history(Optional.of("a"), Optional.of("2026-12-01T07:00:05Z"), Optional.empty());
        assertEquals(200, since.status());
        assertEquals("{\"transitions\":[{\"subject_kind\":\"deployment\",\"subject\":\"id-a\",\"model\":\"a\",\"from\":\"healthy\","
                + "\"to\":\"healthy\",\"error\":null,\"at\":\"2026-12-01T07:00:20Z\",\"replica\":\"replica-1\"}]}", since.bodyText());
        String all = responses.history(Optional.empty(), Optional.empty(), Optional.empty()).bodyText();
        assertTrue(all.indexOf("07:00:20Z") < all.indexOf("07:00:10Z") && all.indexOf("07:00:10Z") < all.indexOf("07:00:00Z"), all);
        String epoch = responses.history(Optional.empty(), Optional.of(String.valueOf(T0.plusSeconds(10).getEpochSecond())),
                Optional.of("1")).bodyText();
        assertTrue(epoch.contains("07:00:20Z") && !epoch.contains("07:00:10Z"), epoch);
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        assertEquals(400, responses.history(Optional.empty(), Optional.of("soon"), Optional.empty()).status());
        assertTrue(responses.history(Optional.empty(), Optional.of("soon"), Optional.empty()).bodyText().contains("since"));
        for (String outOfRange : new String[] {"+294277-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z"}) {
            assertEquals(400, responses.history(Optional.empty(), Optional.of(outOfRange), Optional.empty()).status(), outOfRange);
        }
        for (String limit : new String[] {"0", "1001", "-1", "ten", "99999999999"}) {
            HttpAnswer answer = responses.history(Optional.empty(), Optional.empty(), Optional.of(limit));
            assertEquals(400, answer.status(), limit);
            assertTrue(answer.bodyText().contains("limit"), answer.bodyText());
        }
    }

    @Test
    void aHistoryThatCannotAnswerIs503() {
        HistoryResponses down = new HistoryResponses(query -> new HistoryAnswer.Unavailable("database timed out"));
        HttpAnswer answer = down.history(Optional.empty(), Optional.empty(), Optional.empty());
        assertEquals(503, answer.status());
        assertTrue(answer.bodyText().contains("history unavailable: database timed out"), answer.bodyText());
    }
}
