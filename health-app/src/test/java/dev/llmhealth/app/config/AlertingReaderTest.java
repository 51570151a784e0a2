package dev.llmhealth.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmhealth.adapters.alerts.SmtpSettings;
import dev.llmhealth.domain.model.AlertType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The alerting keys as {@link ConfigLoader} reads them: LiteLLM's {@code SMTP_*} variables as
 * LiteLLM's own {@code send_email} reads them, and every mistake reported under the key it is in,
 * never quoting a secret (webhook URLs, the signing secret, header values, the SMTP password).
 */
class AlertingReaderTest {

    /** Every secret any case below configures; none may appear in any error. */
    private static final List<String> SECRETS = List.of("T0SLACK/B0SLACK/xoxb-slack-token", "xoxb-slack-token", "wh-url-token",
            "sign-secret-value", "hdr-secret-value", "smtp-pass-value");

    private static final String MODELS = """
            model_list:
              - model_name: gpt-4o
                litellm_params:
                  model: openai/gpt-4o
                  api_key: sk-test
            """;

    private static ProxyConfig parse(String general, Map<String, String> environment) {
        return new ConfigLoader(environment).parse(MODELS + "general_settings:\n" + general.stripIndent().indent(2));
    }

    /** One misconfiguration: the settings, the environment, the key its error must name. */
    record Mistake(String what, String general, Map<String, String> environment, String key) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Mistake> mistakes() {
        String webhook = """
                alerting: ["webhook"]
                alerting_webhook:
                  secret: sign-secret-value
                """;
        String email = """
                alerting: ["email"]
                alerting_email:
                  host: smtp.example.test
                  from: alerts@example.test
                  to: oncall@example.test
                """;
        return Stream.of(
                new Mistake("SLACK_WEBHOOK_URL without a scheme", "alerting: [\"slack\"]\n",
                        Map.of("SLACK_WEBHOOK_URL", "hooks.slack.com/services/T0SLACK/B0SLACK/xoxb-slack-token"), "SLACK_WEBHOOK_URL"),
                new Mistake("ALERTING_WEBHOOK_URL not http", "alerting: [\"slack\"]\n",
                        Map.of("ALERTING_WEBHOOK_URL", "ftp://hooks.slack.com/services/T0SLACK/B0SLACK/xoxb-slack-token"),
                        "ALERTING_WEBHOOK_URL"),
                new Mistake("alert_to_webhook_url with a malformed URL", """
                        alerting: ["slack"]
                        alert_to_webhook_url:
                          llm_exceptions: "https://hooks.slack.com/services/T0SLACK/B0SLACK/xoxb-slack-token with spaces"
                        """, Map.of(), "general_settings.alert_to_webhook_url.llm_exceptions"),
                new Mistake("alert_to_webhook_url for an unknown type", """
                        alerting: ["slack"]
                        alert_to_webhook_url:
                          budget_alerts_typo: https://hooks.slack.com/services/T0SLACK/B0SLACK/xoxb-slack-token
                        """, Map.of(), "general_settings.alert_to_webhook_url"),
                new Mistake("webhook URL malformed", webhook + "  url: \"https://hooks.example.test/a b?token=wh-url-token\"\n",
                        Map.of(), "general_settings.alerting_webhook.url"),
                new Mistake("webhook URL not http", webhook + "  url: \"mailto:wh-url-token@example.test\"\n", Map.of(),
                        "general_settings.alerting_webhook.url"),
                new Mistake("webhook without a URL", webhook, Map.of(), "general_settings.alerting"),
                new Mistake("WEBHOOK_URL malformed", webhook, Map.of("WEBHOOK_URL", "//no-scheme/hook?token=wh-url-token"), "WEBHOOK_URL"),
                new Mistake("webhook header name invalid", webhook + """
                          url: https://hooks.example.test/hook?token=wh-url-token
                          headers:
                            "Authorization Bearer": hdr-secret-value
                        """, Map.of(), "general_settings.alerting_webhook.headers"),
                new Mistake("webhook header value empty", webhook + """
                          url: https://hooks.example.test/hook?token=wh-url-token
                          headers:
                            X-Api-Key: ""
                        """, Map.of(), "general_settings.alerting_webhook.headers.X-Api-Key"),
                new Mistake("webhook secret from an unset variable", """
                        alerting: ["webhook"]
                        alerting_webhook:
                          url: https://hooks.example.test/hook?token=wh-url-token
                          secret: os.environ/HOOK_SECRET_UNSET
                        """, Map.of(), "general_settings.alerting_webhook.secret"),
                new Mistake("SMTP password without a user", email + "  password: smtp-pass-value\n", Map.of(),
                        "general_settings.alerting_email"),
                new Mistake("SMTP_PASSWORD without SMTP_USERNAME", email, Map.of("SMTP_PASSWORD", "smtp-pass-value"),
                        "general_settings.alerting_email"),
                new Mistake("SMTP_PORT out of range", email, Map.of("SMTP_PORT", "99999", "SMTP_USERNAME", "alerts",
                        "SMTP_PASSWORD", "smtp-pass-value"), "SMTP_PORT"),
                new Mistake("SMTP port not a number", email + "  port: smtp\n  username: alerts\n  password: smtp-pass-value\n", Map.of(),
                        "general_settings.alerting_email.port"),
                new Mistake("SMTP security unknown", email + "  security: tls13\n  username: alerts\n  password: smtp-pass-value\n",
                        Map.of(), "general_settings.alerting_email.security"),
                new Mistake("SMTP without a host", """
                        alerting: ["email"]
                        alerting_email:
                          from: alerts@example.test
                          to: oncall@example.test
                          username: alerts
                          password: smtp-pass-value
                        """, Map.of(), "general_settings.alerting_email.host"),
                new Mistake("SMTP without a sender", """
                        alerting: ["email"]
                        alerting_email:
                          host: smtp.example.test
                          to: oncall@example.test
                        """, Map.of("SMTP_PASSWORD", "smtp-pass-value", "SMTP_USERNAME", "alerts"), "general_settings.alerting_email.from"),
                new Mistake("SMTP without recipients", """
                        alerting: ["email"]
                        alerting_email:
                          host: smtp.example.test
                          from: alerts@example.test
                        """, Map.of("SMTP_PASSWORD", "smtp-pass-value", "SMTP_USERNAME", "alerts"), "general_settings.alerting_email.to"),
                new Mistake("SMTP recipient not an address", email.replace("to: oncall@example.test", "to: [oncall@example.test, on-call]"),
                        Map.of("SMTP_PASSWORD", "smtp-pass-value", "SMTP_USERNAME", "alerts"), "general_settings.alerting_email.to"),
                new Mistake("unknown alert type", "alerting: [\"webhook\"]\nalert_types: [llm_exceptions, llm_too_slowly]\n"
                        + "alerting_webhook:\n  url: https://hooks.example.test/hook?token=wh-url-token\n  secret: sign-secret-value\n",
                        Map.of(), "general_settings.alert_types"),
                new Mistake("alerting_threshold zero", "alerting: [\"webhook\"]\nalerting_threshold: 0\n"
                        + "alerting_webhook:\n  url: https://hooks.example.test/hook?token=wh-url-token\n", Map.of(),
                        "general_settings.alerting_threshold"),
                new Mistake("alert queue of none", "alerting: [\"webhook\"]\nalerting_args:\n  alert_queue_size: 0\n"
                        + "alerting_webhook:\n  url: https://hooks.example.test/hook?token=wh-url-token\n", Map.of(),
                        "general_settings.alerting_args.alert_queue_size"),
                new Mistake("service alerts after no check", "alerting: [\"webhook\"]\nalerting_args:\n  service_alert_after_checks: 0\n"
                        + "alerting_webhook:\n  url: https://hooks.example.test/x\n", Map.of(),
                        "general_settings.alerting_args.service_alert_after_checks"),
                new Mistake("max backoff below the first", "alerting: [\"webhook\"]\nalerting_args:\n  alert_retry_backoff: 10\n"
                        + "  alert_retry_max_backoff: 1\nalerting_webhook:\n  url: https://hooks.example.test/hook?token=wh-url-token\n",
                        Map.of(), "general_settings.alerting_args"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeNamesItsKeyAndQuotesNoSecret(Mistake mistake) {
        ConfigException error = assertThrows(ConfigException.class, () -> parse(mistake.general(), mistake.environment()));

        String message = error.getMessage();
        assertTrue(message.startsWith(mistake.key() + ": "), "names " + mistake.key() + ": " + message);
        for (String secret : SECRETS) {
            assertFalse(message.contains(secret), "quotes a secret: " + message);
        }
        assertFalse(message.contains("hooks.slack.com"), "not even the URL's host: " + message);
    }

    @Test
    void slackWithoutAnyUrlStartsAsLiteLlmDoesAndSaysSoUnderItsKey() {
        ProxyConfig config = parse("alerting: [\"slack\"]\n", Map.of());

        assertTrue(config.alerting().slack().isEmpty());
        assertTrue(config.warnings().stream().anyMatch(w -> w.startsWith("general_settings.alerting: slack needs SLACK_WEBHOOK_URL")),
                config.warnings().toString());
    }

    @Test
    void litellmsSmtpVariablesConfigureTheEmailChannel() {
        // the names and defaults of litellm/proxy/utils.py send_email: SMTP_HOST, SMTP_PORT (587), SMTP_USERNAME,
        // SMTP_PASSWORD, SMTP_SENDER_EMAIL, and SMTP_TLS ("False" turns STARTTLS off)
        Map<String, String> litellm = Map.of("SMTP_HOST", "smtp.resend.com", "SMTP_PORT", "2587", "SMTP_USERNAME", "resend",
                "SMTP_PASSWORD", "smtp-pass-value", "SMTP_SENDER_EMAIL", "support@alerts.example.test", "SMTP_TLS", "False");
        String general = """
                alerting: ["email"]
                alerting_email:
                  to: "oncall@example.test, lead@example.test"
                """;

        ProxyConfig config = parse(general, litellm);

        SmtpSettings smtp = config.alerting().email().orElseThrow();
        assertEquals("smtp.resend.com", smtp.host());
        assertEquals(2587, smtp.port());
        assertEquals(Optional.of("resend"), smtp.username());
        assertEquals(Optional.of("smtp-pass-value"), smtp.password());
        assertEquals("support@alerts.example.test", smtp.from());
        assertEquals(List.of("oncall@example.test", "lead@example.test"), smtp.to());
        assertEquals(SmtpSettings.Security.NONE, smtp.security());
        assertTrue(config.secrets().contains("smtp-pass-value"));

        Map<String, String> noTlsSetting = new java.util.HashMap<>(litellm);
        noTlsSetting.remove("SMTP_TLS");
        noTlsSetting.remove("SMTP_PORT");
        SmtpSettings defaults = parse(general, noTlsSetting).alerting().email().orElseThrow();
        assertEquals(SmtpSettings.Security.STARTTLS, defaults.security(), "LiteLLM upgrades with STARTTLS unless told not to");
        assertEquals(587, defaults.port(), "LiteLLM's default port");
        noTlsSetting.put("SMTP_TLS", "True");
        assertEquals(SmtpSettings.Security.STARTTLS, parse(general, noTlsSetting).alerting().email().orElseThrow().security());
    }

    @Test
    void theFileWinsOverTheSmtpVariablesAndLoginIsOptional() {
        SmtpSettings smtp = parse("""
                alerting: ["email"]
                alerting_email:
                  host: relay.internal
                  port: 25
                  security: none
                  from: health@example.test
                  to: [oncall@example.test]
                """, Map.of("SMTP_HOST", "smtp.resend.com", "SMTP_SENDER_EMAIL", "other@example.test")).alerting().email().orElseThrow();

        assertEquals("relay.internal", smtp.host());
        assertEquals(25, smtp.port());
        assertEquals("health@example.test", smtp.from());
        assertEquals(Optional.empty(), smtp.username());
        assertEquals(SmtpSettings.Security.NONE, smtp.security());
    }

    @Test
    void slackAndWebhookFromLiteLlmsKeysAndEverySecretIsKnown() {
        ProxyConfig config = parse("""
                alerting: ["slack", "webhook", "pagerduty"]
                alert_types: [llm_exceptions, db_exceptions]
                alerting_threshold: 120
                alert_to_webhook_url:
                  db_exceptions: https://hooks.slack.com/services/T1/B1/db-channel-token
                alerting_webhook:
                  url: os.environ/HOOK_URL
                  secret: os.environ/HOOK_SECRET
                  headers:
                    X-Api-Key: hdr-secret-value
                """, Map.of("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0SLACK/B0SLACK/xoxb-slack-token",
                "HOOK_URL", "https://hooks.example.test/hook?token=wh-url-token", "HOOK_SECRET", "sign-secret-value"));

        AlertingConfig alerting = config.alerting();
        assertEquals(List.of(URI.create("https://hooks.slack.com/services/T0SLACK/B0SLACK/xoxb-slack-token")),
                alerting.slack().orElseThrow().defaultUrls());
        assertEquals(List.of(URI.create("https://hooks.slack.com/services/T1/B1/db-channel-token")),
                alerting.slack().orElseThrow().byType().get(AlertType.DB_EXCEPTIONS));
        assertEquals(Optional.of("sign-secret-value"), alerting.webhook().orElseThrow().secret());
        assertEquals(java.util.Set.of(AlertType.LLM_EXCEPTIONS, AlertType.DB_EXCEPTIONS), alerting.settings().types());
        assertEquals(Duration.ofSeconds(120), alerting.settings().slowThreshold());
        assertTrue(config.secrets().containsAll(List.of("https://hooks.slack.com/services/T0SLACK/B0SLACK/xoxb-slack-token",
                "https://hooks.slack.com/services/T1/B1/db-channel-token", "https://hooks.example.test/hook?token=wh-url-token",
                "sign-secret-value", "hdr-secret-value")), "every one is masked wherever the service writes");
        assertTrue(config.warnings().stream().anyMatch(w -> w.startsWith("general_settings.alerting: 'pagerduty'")), config.warnings().toString());
    }

    @Test
    void serviceChangesAreAlertedAfterTwoChecksUnlessAlertingArgsSayOtherwise() {
        String webhook = "alerting: [\"webhook\"]\nalerting_webhook:\n  url: https://hooks.example.test/x\n";
        assertEquals(2, parse(webhook, Map.of()).alerting().settings().serviceAlertAfterChecks());
        assertEquals(4, parse(webhook + "alerting_args:\n  service_alert_after_checks: 4\n", Map.of()).alerting().settings()
                .serviceAlertAfterChecks());
    }
}
