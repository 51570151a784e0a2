package dev.llmhealth.adapters.alerts;

import dev.llmhealth.domain.model.Alert;
import dev.llmhealth.domain.model.AlertBatch;
import dev.llmhealth.domain.model.DeliveryOutcome;
import dev.llmhealth.domain.port.out.AlertChannel;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;

/**
 * Alert e-mails through Eclipse Angus Mail (Jakarta Mail): STARTTLS required by default (a server
 * that does not offer it gets nothing, rather than the alert in clear text), login when configured,
 * every wait bounded. A plain-text body, one line per alert.
 */
public final class EmailChannel implements AlertChannel {

    private final SmtpSettings settings;
    private final Session session;
    private final AlertLinks links;

    public EmailChannel(SmtpSettings settings, AlertLinks links) {
        this.settings = settings;
        this.links = links;
        this.session = Session.getInstance(properties(settings));
    }

    static Properties properties(SmtpSettings s) {
        Properties p = new Properties();
        String protocol = s.security() == SmtpSettings.Security.SSL ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "host", s.host());
        p.put(prefix + "port", String.valueOf(s.port()));
        p.put(prefix + "auth", String.valueOf(s.username().isPresent()));
        String millis = String.valueOf(s.timeout().toMillis());
        p.put(prefix + "connectiontimeout", millis);
        p.put(prefix + "timeout", millis);
        p.put(prefix + "writetimeout", millis);
        if (s.security() == SmtpSettings.Security.STARTTLS) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        if (s.security() != SmtpSettings.Security.NONE) {
            p.put(prefix + "ssl.checkserveridentity", "true");
        }
        return p;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public DeliveryOutcome deliver(AlertBatch batch) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(settings.from()));
            for (String to : settings.to()) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
            }
            message.setSubject("[LLM health] " + batch.headline() + batch.first().modelGroup().map(g -> ": " + g).orElse(""), "UTF-8");
            message.setSentDate(new Date(batch.first().at().toEpochMilli()));
            message.setText(body(batch), "UTF-8");
            try (Transport transport = session.getTransport()) {
                transport.connect(settings.host(), settings.port(), settings.username().orElse(null), settings.password().orElse(null));
                transport.sendMessage(message, message.getAllRecipients());
            }
            return DeliveryOutcome.DELIVERED;
        } catch (AuthenticationFailedException refused) {
            return new DeliveryOutcome.Rejected("SMTP login rejected");
        } catch (AddressException badAddress) {
            return new DeliveryOutcome.Rejected("invalid e-mail address");
        } catch (SendFailedException notAccepted) {
            return new DeliveryOutcome.Rejected("SMTP server refused the recipients");
        } catch (MessagingException failed) {
            // the exception text may quote the server's greeting or our login name: name the kind only
            Throwable cause = failed.getCause() != null ? failed.getCause() : failed;
            return new DeliveryOutcome.Retryable("SMTP failed (" + cause.getClass().getSimpleName() + ")");
        }
    }

    String body(AlertBatch batch) {
        StringBuilder text = new StringBuilder(batch.headline()).append("\n\n");
        if (batch.phase() == Alert.Phase.TEST) {
            text.append("A test message from replica ").append(batch.first().replica())
                    .append(": this address receives the proxy's health alerts.\n");
        }
        for (Alert alert : batch.alerts()) {
            if (alert.phase() != Alert.Phase.TEST) {
                text.append("- ").append(AlertWording.facts(alert)).append('\n');
            }
        }
        Alert first = batch.first();
        text.append("\nalert type ").append(first.type().word()).append(", replica ").append(first.replica()).append(", at ")
                .append(AlertWording.instant(first.at())).append("\nDetails: ").append(links.detailsOf(first)).append('\n');
        return text.toString();
    }
}
