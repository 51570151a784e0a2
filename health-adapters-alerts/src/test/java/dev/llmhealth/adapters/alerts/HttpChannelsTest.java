package dev.llmhealth.adapters.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmhealth.domain.model.AlertBatch;
import dev.llmhealth.domain.model.AlertSettings;
import dev.llmhealth.domain.model.AlertType;
import dev.llmhealth.domain.model.DeliveryOutcome;
import dev.llmhealth.domain.port.out.AlertMetrics;
import dev.llmhealth.domain.service.AlertDispatcher;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slack and the generic webhook against real in-process receivers, through the domain's queues. */
class HttpChannelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final AlertLinks LINKS = new AlertLinks("http://proxy.example.test:4000/");

    private final Receiver slack = receiver();
    private final Receiver webhook = receiver();
    private AlertDispatcher dispatcher;

    private static Receiver receiver() {
        try {
            return new Receiver();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        slack.close();
        webhook.close();
    }

    private SlackChannel slackChannel(Duration timeout) {
        return new SlackChannel(List.of(slack.url("/services/T000/B000/secret-token")), Map.of(), CLIENT, timeout, LINKS);
    }

    private WebhookChannel webhookChannel(Optional<String> secret) {
        return new WebhookChannel(webhook.url("/hook"), secret, Map.of("X-Team", "llm-ops"), CLIENT, Duration.ofSeconds(5), LINKS,
                Clock.systemUTC());
    }

    private static AlertSettings fast(Duration window) {
        return new AlertSettings(AlertType.raisedByHealth(), Duration.ofSeconds(300), window, 100, 4, Duration.ofMillis(50),
                Duration.ofMillis(200));
    }

    @Test
    void slackGetsABlockKitMessageWithWhatChangedAndALinkToTheDetails() throws Exception {
        DeliveryOutcome outcome = slackChannel(Duration.ofSeconds(5)).deliver(new AlertBatch(List.of(Alerts.deploymentBack("dep-1", "gpt-4o"))));

        assertTrue(outcome.delivered(), outcome.reason());
        JsonNode message = JSON.readTree(slack.received().getFirst().body());
        assertTrue(message.get("text").asText().contains("Deployment recovered: gpt-4o"), message.toString());
        JsonNode blocks = message.get("blocks");
        assertEquals("header", blocks.get(0).get("type").asText());
        assertEquals("plain_text", blocks.get(0).get("text").get("type").asText());
        String section = blocks.get(1).get("text").get("text").asText();
        assertEquals("mrkdwn", blocks.get(1).get("text").get("type").asText());
        for (String fact : List.of("*Deployment:* dep-1", "*Model group:* gpt-4o", "*api_base:* https://api.example.test/v1",
                "*Down since:* 2026-03-01T10:15:30Z", "*Outage lasted:* 4m 12s")) {
            assertTrue(section.contains(fact), fact + " in " + section);
        }
        String context = blocks.get(blocks.size() - 1).get("elements").get(0).get("text").asText();
        assertTrue(context.contains("<http://proxy.example.test:4000/health/models?model=gpt-4o|details>"), context);
        assertTrue(context.contains("`llm_exceptions`"), context);
    }

    @Test
    void aStormIsOneSlackMessageThatListsTwentyAndCountsTheRest() throws Exception {
        AlertBatch storm = new AlertBatch(IntStream.range(0, 100).mapToObj(i -> Alerts.deploymentDown("dep-" + i, "gpt-4o")).toList());

        assertTrue(slackChannel(Duration.ofSeconds(5)).deliver(storm).delivered());

        JsonNode blocks = JSON.readTree(slack.received().getFirst().body()).get("blocks");
        assertTrue(blocks.get(0).get("text").get("text").asText().endsWith("Deployment unhealthy (100)"), blocks.toString());
        assertTrue(blocks.size() <= 50, "Slack takes 50 blocks at most: " + blocks.size());
        assertTrue(blocks.toString().contains("… and 80 more"), blocks.toString());
    }

    @Test
    void theWebhookBodyFollowsTheSchemaAndItsSignatureVerifiesWithTheSharedSecret() throws Exception {
        assertTrue(webhookChannel(Optional.of("s3cret")).deliver(new AlertBatch(List.of(Alerts.deploymentDown("dep-1", "gpt-4o"))))
                .delivered());

        Receiver.Received got = webhook.received().getFirst();
        String timestamp = got.header(WebhookSignature.TIMESTAMP_HEADER);
        String signature = got.header(WebhookSignature.SIGNATURE_HEADER);
        assertNotNull(signature);
        assertTrue(WebhookSignature.verify("s3cret", timestamp, got.body(), signature));
        assertFalse(WebhookSignature.verify("another", timestamp, got.body(), signature), "a wrong secret must not verify");
        assertEquals("llm-ops", got.header("X-Team"));
        JsonNode body = JSON.readTree(got.body());
        assertEquals("llm-health.alert/v1", body.get("schema").asText());
        assertEquals("llm_exceptions", body.get("alert_type").asText());
        assertEquals("firing", body.get("status").asText());
        assertEquals(1, body.get("alert_count").asInt());
        JsonNode entry = body.get("alerts").get(0);
        assertEquals("deployment", entry.get("subject_kind").asText());
        assertEquals("dep-1", entry.get("subject").asText());
        assertEquals("gpt-4o", entry.get("model_group").asText());
        assertEquals("HTTP 500 from upstream", entry.get("error").asText());
        assertEquals("2026-03-01T10:15:30Z", entry.get("since").asText());
        assertEquals(body.get("id").asText(), got.header("X-LLM-Health-Delivery"));
    }

    @Test
    void aReceiverAnswering500Then429ThenOkGetsTheAlertOnceAfterTheRetries() throws Exception {
        webhook.answer(500, 429);
        CountingMetrics metrics = new CountingMetrics();
        dispatcher = new AlertDispatcher(List.of(webhookChannel(Optional.empty())), fast(Duration.ZERO), metrics, Clock.systemUTC(), "r");

        dispatcher.raise(Alerts.deploymentDown("dep-1", "gpt-4o"));

        Receiver.eventually(Duration.ofSeconds(20), "delivered after two retries", () -> metrics.count("webhook/delivered") == 1);
        assertEquals(3, webhook.received().size(), "500, 429, then 200");
        // the same delivery id on every try: a receiver can drop a retry it already took
        assertEquals(1, webhook.received().stream().map(r -> r.header("X-LLM-Health-Delivery")).distinct().count());
        assertEquals(0, metrics.count("webhook/failed"));
    }

    @Test
    void aReceiverThatRejectsTheMessageIsNotRetried() throws Exception {
        webhook.answer(404);
        CountingMetrics metrics = new CountingMetrics();
        dispatcher = new AlertDispatcher(List.of(webhookChannel(Optional.empty())), fast(Duration.ZERO), metrics, Clock.systemUTC(), "r");

        dispatcher.raise(Alerts.deploymentDown("dep-1", "gpt-4o"));

        Receiver.eventually(Duration.ofSeconds(20), "counted as failed", () -> metrics.count("webhook/failed") == 1);
        assertEquals(1, webhook.received().size());
    }

    @Test
    void aHungSlackNeverDelaysTheWebhook() throws Exception {
        slack.hang();
        CountingMetrics metrics = new CountingMetrics();
        dispatcher = new AlertDispatcher(List.of(slackChannel(Duration.ofSeconds(30)), webhookChannel(Optional.empty())),
                fast(Duration.ZERO), metrics, Clock.systemUTC(), "r");
        long start = System.nanoTime();

        dispatcher.raise(Alerts.deploymentDown("dep-1", "gpt-4o"));
        dispatcher.raise(Alerts.deploymentBack("dep-1", "gpt-4o"));

        Receiver.eventually(Duration.ofSeconds(10), "both alerts at the webhook", () -> webhook.received().size() == 2);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 10_000, "the webhook waited for the hung Slack: " + tookMs + " ms");
        assertEquals(0, slack.received().size());
    }

    @Test
    void alertsWithinTheWindowGoOutAsOneMessagePerModelGroup() throws Exception {
        CountingMetrics metrics = new CountingMetrics();
        dispatcher = new AlertDispatcher(List.of(webhookChannel(Optional.empty())), fast(Duration.ofMillis(500)), metrics,
                Clock.systemUTC(), "r");

        for (int i = 0; i < 100; i++) {
            dispatcher.raise(Alerts.deploymentDown("dep-" + i, i < 60 ? "gpt-4o" : "claude"));
        }

        Receiver.eventually(Duration.ofSeconds(20), "all 100 delivered", () -> metrics.count("webhook/delivered") == 100);
        assertEquals(2, webhook.received().size(), "one message per model group");
        JsonNode first = JSON.readTree(webhook.received().get(0).body());
        assertEquals(60, first.get("alert_count").asInt());
        assertEquals("gpt-4o", first.get("alerts").get(0).get("model_group").asText());
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlockingTheCaller() throws Exception {
        slack.hang();
        CountingMetrics metrics = new CountingMetrics();
        AlertSettings tiny = new AlertSettings(AlertType.raisedByHealth(), Duration.ofSeconds(300), Duration.ZERO, 2, 1,
                Duration.ZERO, Duration.ZERO);
        dispatcher = new AlertDispatcher(List.of(slackChannel(Duration.ofSeconds(30))), tiny, metrics, Clock.systemUTC(), "r");

        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            dispatcher.raise(Alerts.deploymentDown("dep-" + i, "g" + i));
        }

        assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000, "raising must never wait on a channel");
        Receiver.eventually(Duration.ofSeconds(5), "the overflow counted", () -> metrics.count("slack/dropped") >= 47);
    }

    @Test
    void theTestAlertReportsEachChannel() {
        slack.answer(500);
        dispatcher = new AlertDispatcher(List.of(slackChannel(Duration.ofSeconds(5)), webhookChannel(Optional.empty())),
                fast(Duration.ZERO), AlertMetrics.NONE, Clock.systemUTC(), "r");

        var report = dispatcher.sendTestAlert();

        assertEquals(List.of("slack", "webhook"), report.channels().stream().map(c -> c.channel()).toList());
        assertFalse(report.channels().get(0).delivered());
        assertEquals("HTTP 500", report.channels().get(0).detail());
        assertTrue(report.channels().get(1).delivered());
        assertFalse(report.toString().contains("secret-token"), "a webhook URL is a secret: " + report);
    }

    /** Counts per {@code channel/outcome}. */
    static final class CountingMetrics implements AlertMetrics {
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        @Override
        public void delivered(String channel, String outcome, int alerts) {
            counts.computeIfAbsent(channel + "/" + outcome, k -> new AtomicInteger()).addAndGet(alerts);
        }

        @Override
        public void dropped(String channel, int alerts) {
            counts.computeIfAbsent(channel + "/dropped", k -> new AtomicInteger()).addAndGet(alerts);
        }

        int count(String key) {
            return counts.getOrDefault(key, new AtomicInteger()).get();
        }
    }
}
