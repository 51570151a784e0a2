package dev.llmhealth.app.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.adapters.alerts.SmtpSettings;
import dev.llmhealth.domain.model.AlertSettings;
import dev.llmhealth.domain.model.AlertType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The alert settings hold secrets (the SMTP password, the webhook's signing secret and its headers, Slack's
 * webhook URLs, whose path is the token): a record's generated toString would print them wherever one is
 * logged or lands in an exception message. Like ModelEntry and the connection settings, they never show them.
 */
class AlertingSecretsNotInToStringTest {

    private static final String SMTP_PASSWORD = "smtp-pass-7f3a9c";
    private static final String SIGNING_SECRET = "whsec-2b8e41d0";
    private static final String HEADER_TOKEN = "Bearer hdr-token-99c1";
    private static final String SLACK_TOKEN = "T000/B000/slacktoken42";
    private static final String WEBHOOK_TOKEN = "hooktoken-5e6f";

    @Test
    void noSecretInTheToStringOfAnyAlertSetting() {
        SmtpSettings smtp = new SmtpSettings("smtp.example.com", 587, SmtpSettings.Security.STARTTLS, Optional.of("alerts"),
                Optional.of(SMTP_PASSWORD), "alerts@example.com", List.of("ops@example.com"), Duration.ofSeconds(10));
        AlertingConfig.Slack slack = new AlertingConfig.Slack(List.of(URI.create("https://hooks.slack.com/services/" + SLACK_TOKEN)),
                Map.of(AlertType.DB_EXCEPTIONS, List.of(URI.create("https://hooks.slack.com/services/" + SLACK_TOKEN + "db"))));
        AlertingConfig.Webhook webhook = new AlertingConfig.Webhook(URI.create("https://alerts.example.com/in/" + WEBHOOK_TOKEN),
                Optional.of(SIGNING_SECRET), Map.of("Authorization", HEADER_TOKEN));
        AlertingConfig config = new AlertingConfig(AlertSettings.defaults(), Optional.of(slack), Optional.of(webhook), Optional.of(smtp),
                "http://localhost:4000", Duration.ofSeconds(10));

        for (Object setting : List.of(smtp, slack, webhook, config)) {
            String text = setting.toString();
            for (String secret : List.of(SMTP_PASSWORD, SIGNING_SECRET, HEADER_TOKEN, SLACK_TOKEN, WEBHOOK_TOKEN)) {
                assertFalse(text.contains(secret), setting.getClass().getSimpleName() + " shows a secret: " + text);
            }
        }
        // still useful for a reader: where things go, without the secret parts
        assertTrue(smtp.toString().contains("smtp.example.com"), smtp.toString());
        assertTrue(webhook.toString().contains("alerts.example.com"), webhook.toString());
        assertTrue(webhook.toString().contains("Authorization"), webhook.toString());
    }
}
