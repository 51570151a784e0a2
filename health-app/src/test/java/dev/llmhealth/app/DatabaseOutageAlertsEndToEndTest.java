package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.llmhealth.adapters.probes.testing.TcpFaultProxy;
import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.app.demo.FakeProviderServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database drops and returns under three replicas sharing one Redis, with every channel real: an
 * in-process Slack, a webhook endpoint (both answering 500 to their first request) and an SMTP server
 * (GreenMail) reached through LiteLLM's {@code SMTP_*} variables. Every replica checks the database
 * itself and records the transition; the claims make it one {@code db_exceptions} alert and one
 * recovery, with the outage's duration, per channel. The TCP fault proxy cuts PostgreSQL for the
 * apps only; the shared server is never stopped. Everything the receivers ever got is counted: while three JVMs
 * start on a loaded machine one replica's check may time out, and {@code service_alert_after_checks} keeps such a
 * blip from being an alert at all (set to 3 here, over the default 2, for a shared machine under load).
 */
class DatabaseOutageAlertsEndToEndTest {

    private static final int REPLICAS = 3;
    /** Far beyond the service interval (0.5 s) and probe timeout (2 s): a shared machine under load. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<RunningApp> apps = new ArrayList<>();
    private final AlertReceiver slack = new AlertReceiver();
    private final AlertReceiver webhook = new AlertReceiver();
    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private FakeProviderServer provider;
    private TcpFaultProxy database;

    @BeforeEach
    void start() throws IOException {
        smtp.setUser("health@example.test", "alerts", "smtp-pass-" + run);
        smtp.start();
        provider = FakeProviderServer.start(0);
        TestServices.Postgres postgres = TestServices.postgres();
        database = new TcpFaultProxy(postgres.host(), postgres.port());
    }

    @AfterEach
    void stop() throws IOException {
        apps.forEach(RunningApp::close);
        database.close();
        provider.close();
        slack.close();
        webhook.close();
        smtp.stop();
    }

    private String config() {
        TestServices.Redis redis = TestServices.redis();
        return """
                model_list:
                  - model_name: gpt-4o
                    litellm_params:
                      model: openai/gpt-4o
                      api_base: %s
                      api_key: sk-test
                    model_info:
                      id: gpt-4o-%s
                general_settings:
                  database_url: %s
                  health_check_interval: 1
                  health_check_timeout: 2
                  interval_jitter_percent: 0
                  service_check_interval: 0.5
                  alerting: ["slack", "webhook", "email"]
                  alerting_webhook:
                    url: %s
                    secret: os.environ/HOOK_SECRET
                  alerting_email:
                    to: oncall@example.test
                  alerting_args:
                    alert_grouping_window: 0.5
                    alert_retry_backoff: 0.2
                    alert_retry_max_backoff: 1
                    service_alert_after_checks: 3
                router_settings:
                  redis_host: %s
                  redis_port: %d
                """.formatted(provider.apiBase("db-" + run), run, TestServices.postgres().databaseUrlVia("127.0.0.1", database.port()),
                webhook.url("/hook"), redis.host(), redis.port());
    }

    private Map<String, String> environment() {
        return Map.of("PROBE_COORDINATION_NAMESPACE", "db-alerts-" + run,
                "HOOK_SECRET", "hook-secret-" + run,
                "SLACK_WEBHOOK_URL", slack.url("/services/T0/B0/slack-token-" + run),
                // LiteLLM's names, as litellm/proxy/utils.py send_email reads them
                "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
                "SMTP_USERNAME", "alerts",
                "SMTP_PASSWORD", "smtp-pass-" + run,
                "SMTP_SENDER_EMAIL", "health@example.test",
                "SMTP_TLS", "False");
    }

    private boolean everyReplicaAnswers(int status) {
        return apps.stream().allMatch(app -> app.get("/health").statusCode() == status);
    }

    private List<MimeMessage> mails() {
        return Arrays.asList(smtp.getReceivedMessages());
    }

    private List<JsonNode> webhookAlerts(String status) {
        return webhook.attempts().stream().filter(AlertReceiver.Attempt::accepted).map(AlertReceiver.Attempt::json)
                .filter(m -> m.get("alert_type").asText().equals("db_exceptions") && m.get("status").asText().equals(status))
                .flatMap(m -> toList(m.get("alerts")).stream()).toList();
    }

    private List<JsonNode> slackMessages(String headline) {
        return slack.attempts().stream().filter(AlertReceiver.Attempt::accepted).map(AlertReceiver.Attempt::json)
                .filter(m -> m.get("blocks").get(0).get("text").get("text").asText().endsWith(headline)).toList();
    }

    private List<MimeMessage> mails(String subject) {
        return mails().stream().filter(mail -> {
            try {
                return mail.getSubject().equals(subject);
            } catch (MessagingException unreadable) {
                throw new AssertionError(unreadable);
            }
        }).toList();
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    @Test
    void theDatabaseDroppingAndReturningIsOneAlertAndOneRecoveryPerChannelForTheWholeFleet() throws Exception {
        for (int i = 0; i < REPLICAS; i++) {
            apps.add(RunningApp.start(config(), 0, environment()));
        }
        apps.forEach(RunningApp::awaitReady);
        RunningApp.eventually(BOUND, "every replica sees the database", () -> everyReplicaAnswers(200));
        slack.answer(500);
        webhook.answer(500);

        Instant cut = Instant.now();
        database.setMode(TcpFaultProxy.Mode.DROP);
        RunningApp.eventually(BOUND, "every replica reports the database down", () -> everyReplicaAnswers(503));
        RunningApp.eventually(BOUND, "the outage at the webhook", () -> !webhookAlerts("firing").isEmpty());
        RunningApp.eventually(BOUND, "the outage in Slack", () -> !slackMessages("Service database disconnected").isEmpty());
        RunningApp.eventually(BOUND, "the outage by e-mail", () -> !mails("[LLM health] Service database disconnected").isEmpty());
        Thread.sleep(Duration.ofSeconds(2)); // an outage long enough to have a duration in whole seconds
        Instant restored = Instant.now();
        database.setMode(TcpFaultProxy.Mode.PASS);

        RunningApp.eventually(BOUND, "every replica sees the database again", () -> everyReplicaAnswers(200));
        RunningApp.eventually(BOUND, "the recovery at the webhook", () -> !webhookAlerts("resolved").isEmpty());
        RunningApp.eventually(BOUND, "the recovery in Slack", () -> !slackMessages("Service database reconnected").isEmpty());
        RunningApp.eventually(BOUND, "the recovery by e-mail", () -> !mails("[LLM health] Service database reconnected").isEmpty());
        Instant allBack = Instant.now();
        Thread.sleep(Duration.ofSeconds(5)); // ten service checks on each replica: nothing more may arrive
        writeSamples();

        // the webhook: one alert each way, the recovery carrying the outage's duration
        assertEquals(1, webhookAlerts("firing").size(), webhook.attempts().toString());
        assertEquals(1, webhookAlerts("resolved").size(), webhook.attempts().toString());
        JsonNode down = webhookAlerts("firing").getFirst();
        JsonNode back = webhookAlerts("resolved").getFirst();
        assertEquals("service", down.get("subject_kind").asText());
        assertEquals("database", down.get("subject").asText());
        assertTrue(down.hasNonNull("error"), down.toString());
        long lasted = back.get("duration_seconds").asLong();
        long longest = Duration.between(cut, allBack).toSeconds() + 1;
        assertTrue(lasted >= 2 && lasted <= longest, "the outage lasted " + lasted + " s, between 2 and " + longest + " s");
        Instant since = Instant.parse(back.get("since").asText());
        assertTrue(!since.isBefore(cut.minusSeconds(1)) && since.isBefore(restored), "down since " + since);

        // a receiver answering 500 then 200 got it once: the retry carried the same delivery id
        List<AlertReceiver.Attempt> hookAttempts = webhook.attempts();
        assertEquals(500, hookAttempts.getFirst().status());
        assertEquals(hookAttempts.getFirst().deliveryId(), hookAttempts.get(1).deliveryId(), "the first message, tried again");
        assertEquals(200, hookAttempts.get(1).status());
        assertEquals(2, hookAttempts.stream().filter(AlertReceiver.Attempt::accepted).count(), "one message each way: " + hookAttempts);
        List<AlertReceiver.Attempt> slackAttempts = slack.attempts();
        assertEquals(500, slackAttempts.getFirst().status());
        assertEquals(slackAttempts.getFirst().body(), slackAttempts.get(1).body(), "Slack's retry is the same message");
        assertEquals(200, slackAttempts.get(1).status());

        // Slack: one message each way, the recovery with how long the outage lasted
        assertEquals(1, slackMessages("Service database disconnected").size(), slack.accepted().toString());
        assertEquals(1, slackMessages("Service database reconnected").size(), slack.accepted().toString());
        assertEquals(2, slackAttempts.stream().filter(AlertReceiver.Attempt::accepted).count(), slackAttempts.toString());
        String recovered = slackMessages("Service database reconnected").getFirst().toString();
        assertTrue(recovered.contains("*Outage lasted:* "), recovered);
        assertTrue(recovered.contains("`db_exceptions`"), recovered);

        // e-mail: one each way to the one recipient
        assertEquals(1, mails("[LLM health] Service database disconnected").size());
        assertEquals(1, mails("[LLM health] Service database reconnected").size());
        assertEquals(2, mails().size());
        String mailBody = GreenMailUtil.getBody(mails("[LLM health] Service database reconnected").getFirst());
        assertTrue(mailBody.contains("service database | since ") && mailBody.contains(" | lasted "), mailBody);

        String everything = webhook.attempts() + " " + slack.attempts() + " " + mailBody;
        for (String secret : List.of("hook-secret-" + run, "slack-token-" + run, "smtp-pass-" + run)) {
            assertFalse(everything.contains(secret), "a secret travelled in a message: " + secret);
        }
    }

    /** The messages as received, for the README's samples ({@code target/alert-samples}). */
    private void writeSamples() throws IOException, MessagingException {
        Path samples = Path.of("target", "alert-samples");
        Files.createDirectories(samples);
        Files.writeString(samples.resolve("slack-db-exceptions-resolved.json"),
                RunningApp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(slack.accepted().getLast().json()));
        Files.writeString(samples.resolve("webhook-db-exceptions-resolved.json"),
                RunningApp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(webhook.accepted().getLast().json()));
        for (MimeMessage mail : mails()) {
            Files.writeString(samples.resolve("email-" + (mail.getSubject().endsWith("reconnected") ? "resolved" : "firing") + ".txt"),
                    "Subject: " + mail.getSubject() + "\n\n" + GreenMailUtil.getBody(mail));
        }
    }
}
