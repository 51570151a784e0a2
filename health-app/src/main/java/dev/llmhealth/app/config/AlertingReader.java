package dev.llmhealth.app.config;

import dev.llmhealth.adapters.alerts.SmtpSettings;
import dev.llmhealth.domain.model.AlertSettings;
import dev.llmhealth.domain.model.AlertType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the alert channels. LiteLLM's keys where it has them: {@code general_settings.alerting}
 * ({@code slack}, {@code webhook}, {@code email}), {@code alert_types}, {@code alerting_threshold},
 * {@code alerting_args}, {@code alert_to_webhook_url}, {@code SLACK_WEBHOOK_URL} (or
 * {@code ALERTING_WEBHOOK_URL}), {@code WEBHOOK_URL}, the {@code SMTP_*} variables and
 * {@code PROXY_BASE_URL}; our own where it has none: {@code general_settings.alerting_webhook}
 * ({@code url}, {@code secret}, {@code headers}) and {@code general_settings.alerting_email}
 * ({@code host}, {@code port}, {@code username}, {@code password}, {@code from}, {@code to},
 * {@code security}). Every URL, the webhook secret, its header values and the SMTP password join
 * the secrets; no error quotes a value.
 */
final class AlertingReader {

    private static final List<String> CHANNELS = List.of("slack", "webhook", "email");

    private final Map<String, String> environment;
    private final List<String> warnings;

    AlertingReader(Map<String, String> environment, List<String> warnings) {
        this.environment = environment;
        this.warnings = warnings;
    }

    AlertingConfig read(ConfigNode general, int port, Set<String> secrets) {
        ConfigNode alerting = general.child("alerting");
        List<String> channels = new ArrayList<>();
        for (String channel : alerting.stringList()) {
            String word = channel.toLowerCase(Locale.ROOT);
            if (CHANNELS.contains(word)) {
                channels.add(word);
            } else {
                // LiteLLM has more (pagerduty, datadog, ...): an existing config still loads
                warnings.add(alerting.path() + ": '" + word + "' is not a channel of the health service (" + String.join(", ", CHANNELS)
                        + "); ignored");
            }
        }
        AlertSettings settings = settings(general);
        ConfigNode args = general.child("alerting_args");
        Duration timeout = args.child("alert_timeout").secondsOr(AlertingConfig.NONE.timeout(), false);
        String linkBase = env("PROXY_BASE_URL").orElse("http://localhost:" + port);
        Optional<AlertingConfig.Slack> slack = channels.contains("slack") ? slack(general, alerting, secrets) : Optional.empty();
        Optional<AlertingConfig.Webhook> webhook = channels.contains("webhook")
                ? Optional.of(webhook(general.child("alerting_webhook"), alerting, secrets)) : Optional.empty();
        Optional<SmtpSettings> email = channels.contains("email")
                ? Optional.of(email(general.child("alerting_email"), timeout, secrets)) : Optional.empty();
        return new AlertingConfig(settings, slack, webhook, email, linkBase, timeout);
    }

    private AlertSettings settings(ConfigNode general) {
        AlertSettings defaults = AlertSettings.defaults();
        ConfigNode typesNode = general.child("alert_types");
        Set<AlertType> types = defaults.types();
        if (!typesNode.isMissing()) {
            types = EnumSet.noneOf(AlertType.class);
            for (String word : typesNode.stringList()) {
                types.add(alertType(typesNode, word));
            }
        }
        ConfigNode args = general.child("alerting_args");
        try {
            Duration firstBackoff = args.child("alert_retry_backoff").secondsOr(defaults.firstBackoff(), true);
            Duration maxBackoff = args.child("alert_retry_max_backoff").secondsOr(
                    firstBackoff.compareTo(defaults.maxBackoff()) > 0 ? firstBackoff : defaults.maxBackoff(), true);
            return new AlertSettings(types,
                    general.child("alerting_threshold").secondsOr(defaults.slowThreshold(), false),
                    args.child("alert_grouping_window").secondsOr(defaults.groupingWindow(), true),
                    args.child("alert_queue_size").intOr(defaults.queueCapacity(), 1, 1_000_000),
                    args.child("alert_max_attempts").intOr(defaults.maxAttempts(), 1, 100),
                    firstBackoff, maxBackoff,
                    args.child("service_alert_after_checks").intOr(defaults.serviceAlertAfterChecks(), 1, 1_000));
        } catch (IllegalArgumentException invalid) {
            throw new ConfigException(args.path(), invalid.getMessage());
        }
    }

    private static AlertType alertType(ConfigNode node, String word) {
        return AlertType.fromWord(word).orElseThrow(() -> new ConfigException(node.path(), "unknown alert type '" + word
                + "'; the health service raises " + AlertType.raisedByHealth().stream().map(AlertType::word).toList()));
    }

    /** Empty, with a warning, when no webhook URL is set: LiteLLM starts so too, and sends nothing to Slack. */
    private Optional<AlertingConfig.Slack> slack(ConfigNode general, ConfigNode alerting, Set<String> secrets) {
        List<URI> defaults = new ArrayList<>();
        Optional<String> fromEnvironment = env("SLACK_WEBHOOK_URL").or(() -> env("ALERTING_WEBHOOK_URL"));
        String variable = env("SLACK_WEBHOOK_URL").isPresent() ? "SLACK_WEBHOOK_URL" : "ALERTING_WEBHOOK_URL";
        fromEnvironment.ifPresent(url -> defaults.add(url(variable, url, secrets)));
        Map<AlertType, List<URI>> byType = new EnumMap<>(AlertType.class);
        ConfigNode perType = general.child("alert_to_webhook_url");
        for (String key : perType.keys()) {
            ConfigNode entry = perType.child(key);
            List<URI> urls = new ArrayList<>();
            for (String url : entry.stringList()) {
                urls.add(url(entry.path(), url, secrets));
            }
            byType.put(alertType(perType, key), urls);
        }
        if (defaults.isEmpty() && byType.isEmpty()) {
            warnings.add(alerting.path() + ": slack needs SLACK_WEBHOOK_URL (environment or environment_variables) "
                    + "or general_settings.alert_to_webhook_url; no Slack alerts are sent until one is set");
            return Optional.empty();
        }
        return Optional.of(new AlertingConfig.Slack(defaults, byType));
    }

    private AlertingConfig.Webhook webhook(ConfigNode section, ConfigNode alerting, Set<String> secrets) {
        ConfigNode urlNode = section.child("url");
        Optional<String> url = urlNode.optionalString();
        String key = urlNode.path();
        if (url.isEmpty() && env("WEBHOOK_URL").isPresent()) {
            url = env("WEBHOOK_URL");
            key = "WEBHOOK_URL";
        }
        if (url.isEmpty()) {
            throw new ConfigException(alerting.path(), "webhook needs general_settings.alerting_webhook.url or WEBHOOK_URL");
        }
        URI target = url(key, url.get(), secrets);
        Optional<String> secret = section.child("secret").optionalString();
        secret.ifPresent(secrets::add);
        Map<String, String> headers = new LinkedHashMap<>();
        ConfigNode headersNode = section.child("headers");
        for (String name : headersNode.keys()) {
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new ConfigException(headersNode.path(), "header name '" + name + "' is not a valid HTTP header name");
            }
            String value = headersNode.child(name).requiredString();
            // an Authorization or API-key header is as secret as the URL
            secrets.add(value);
            headers.put(name, value);
        }
        return new AlertingConfig.Webhook(target, secret, headers);
    }

    private SmtpSettings email(ConfigNode section, Duration timeout, Set<String> secrets) {
        ConfigNode hostNode = section.child("host");
        String host = hostNode.optionalString().or(() -> env("SMTP_HOST")).orElseThrow(() -> new ConfigException(hostNode.path(),
                "is required for e-mail alerts (or SMTP_HOST)"));
        SmtpSettings.Security security = security(section.child("security"));
        int defaultPort = security == SmtpSettings.Security.SSL ? 465 : 587;
        ConfigNode portNode = section.child("port");
        int port = portNode.isMissing() && env("SMTP_PORT").isPresent()
                ? parsePort("SMTP_PORT", env("SMTP_PORT").get()) : portNode.intOr(defaultPort, 1, 65535);
        Optional<String> username = section.child("username").optionalString().or(() -> env("SMTP_USERNAME"));
        Optional<String> password = section.child("password").optionalString().or(() -> env("SMTP_PASSWORD"));
        password.ifPresent(secrets::add);
        if (username.isPresent() != password.isPresent()) {
            throw new ConfigException(section.path(), "username and password go together (or SMTP_USERNAME and SMTP_PASSWORD)");
        }
        ConfigNode fromNode = section.child("from");
        String from = fromNode.optionalString().or(() -> env("SMTP_SENDER_EMAIL")).orElseThrow(() -> new ConfigException(
                fromNode.path(), "is required for e-mail alerts (or SMTP_SENDER_EMAIL)"));
        ConfigNode toNode = section.child("to");
        List<String> to = toNode.stringList().stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip)
                .filter(v -> !v.isEmpty()).toList();
        if (to.isEmpty()) {
            throw new ConfigException(toNode.path(), "is required for e-mail alerts: one address or a list");
        }
        for (String address : to) {
            if (!address.matches("[^@\\s]+@[^@\\s]+")) {
                throw new ConfigException(toNode.path(), "has an entry that is not an e-mail address");
            }
        }
        return new SmtpSettings(host, port, security, username, password, from, to, timeout);
    }

    /** {@code security}, else LiteLLM's {@code SMTP_TLS} (true: STARTTLS, false: none); default STARTTLS. */
    private SmtpSettings.Security security(ConfigNode node) {
        Optional<String> word = node.optionalString();
        if (word.isEmpty()) {
            return env("SMTP_TLS").flatMap(OutboundReader::bool).map(on -> on ? SmtpSettings.Security.STARTTLS : SmtpSettings.Security.NONE)
                    .orElse(SmtpSettings.Security.STARTTLS);
        }
        return switch (word.get().toLowerCase(Locale.ROOT)) {
            case "starttls" -> SmtpSettings.Security.STARTTLS;
            case "ssl", "tls" -> SmtpSettings.Security.SSL;
            case "none" -> SmtpSettings.Security.NONE;
            default -> throw new ConfigException(node.path(), "must be starttls, ssl or none");
        };
    }

    private static int parsePort(String key, String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ConfigException(key, "must be a port between 1 and 65535");
    }

    /** Checked and made secret; the message names the key, never the URL (Slack's carries its token). */
    private static URI url(String key, String text, Set<String> secrets) {
        secrets.add(text);
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException invalid) {
            // reported below, without the text
        }
        throw new ConfigException(key, "must be an http:// or https:// URL");
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
