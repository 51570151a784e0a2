package dev.llmhealth.adapters.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.llmhealth.domain.model.AlertBatch;
import dev.llmhealth.domain.model.DeliveryOutcome;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alert e-mails through a real SMTP server in the test (GreenMail), with a login. */
class EmailChannelTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.test", "alerts", "mail-pass"));

    private static final AlertLinks LINKS = new AlertLinks("http://proxy.example.test:4000");

    private SmtpSettings settings(SmtpSettings.Security security, String password) {
        return new SmtpSettings("127.0.0.1", SMTP.getSmtp().getPort(), security, Optional.of("alerts"), Optional.of(password),
                "alerts@example.test", List.of("oncall@example.test", "lead@example.test"), Duration.ofSeconds(5));
    }

    @Test
    void anAlertArrivesAsAnEmailWithWhatChangedAndTheLink() throws Exception {
        DeliveryOutcome outcome = new EmailChannel(settings(SmtpSettings.Security.NONE, "mail-pass"), LINKS)
                .deliver(new AlertBatch(List.of(Alerts.deploymentBack("dep-1", "gpt-4o"))));

        assertTrue(outcome.delivered(), outcome.reason());
        assertTrue(SMTP.waitForIncomingEmail(5_000, 2));
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertEquals("[LLM health] Deployment recovered: gpt-4o", mail.getSubject());
        String body = GreenMailUtil.getBody(mail);
        assertTrue(body.contains("deployment dep-1 | model group gpt-4o | api_base https://api.example.test/v1"), body);
        assertTrue(body.contains("lasted 4m 12s"), body);
        assertTrue(body.contains("Details: http://proxy.example.test:4000/health/models?model=gpt-4o"), body);
        assertEquals(2, SMTP.getReceivedMessages().length, "one copy per recipient");
    }

    @Test
    void aWrongPasswordIsRejectedNotRetriedAndNotQuoted() {
        DeliveryOutcome outcome = new EmailChannel(settings(SmtpSettings.Security.NONE, "wrong-pass"), LINKS)
                .deliver(new AlertBatch(List.of(Alerts.deploymentDown("dep-1", "gpt-4o"))));

        assertInstanceOf(DeliveryOutcome.Rejected.class, outcome);
        assertFalse(outcome.reason().contains("wrong-pass"), outcome.reason());
    }

    @Test
    void starttlsIsRequiredSoAServerWithoutItGetsNothingInClearText() {
        // GreenMail's SMTP offers no STARTTLS: with starttls (the default) the alert must not go out unencrypted
        DeliveryOutcome outcome = new EmailChannel(settings(SmtpSettings.Security.STARTTLS, "mail-pass"), LINKS)
                .deliver(new AlertBatch(List.of(Alerts.deploymentDown("dep-1", "gpt-4o"))));

        assertFalse(outcome.delivered());
        assertEquals(0, SMTP.getReceivedMessages().length);
    }
}
