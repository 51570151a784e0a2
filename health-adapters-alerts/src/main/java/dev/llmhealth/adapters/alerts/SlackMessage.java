package dev.llmhealth.adapters.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmhealth.domain.model.Alert;
import dev.llmhealth.domain.model.AlertBatch;

/**
 * A batch as a Slack Block Kit message: a header saying what changed, one section per alert (model
 * group, deployment, api_base, error, since, how long), a context line with the replica and a link to
 * the detailed endpoint. {@code text} is the notification's fallback. Kept within Slack's limits
 * (50 blocks, 3000 characters a text): a storm lists the first {@value #LISTED} and counts the rest.
 */
final class SlackMessage {

    static final int LISTED = 20;
    private static final int MAX_TEXT = 2900;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackMessage() {
    }

    static byte[] of(AlertBatch batch, AlertLinks links) {
        Alert first = batch.first();
        String headline = AlertWording.marker(batch.phase()) + " " + batch.headline();
        ObjectNode message = JSON.createObjectNode();
        message.put("text", headline + first.modelGroup().map(group -> ": " + group).orElse(""));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(headline, 150)).put("emoji", true);
        if (batch.phase() == Alert.Phase.TEST) {
            section(blocks, "A test message from replica `" + escape(first.replica()) + "`: this channel receives the proxy's "
                    + "health alerts.");
        }
        batch.alerts().stream().limit(LISTED).filter(alert -> alert.phase() != Alert.Phase.TEST)
                .forEach(alert -> section(blocks, details(alert)));
        if (batch.alerts().size() > LISTED) {
            section(blocks, "… and " + (batch.alerts().size() - LISTED) + " more");
        }
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", "`" + first.type().word() + "` · replica `"
                + escape(first.replica()) + "` · " + AlertWording.instant(first.at()) + " · <" + links.detailsOf(first) + "|details>");
        try {
            return JSON.writeValueAsBytes(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String details(Alert alert) {
        StringBuilder text = new StringBuilder();
        line(text, kindLabel(alert.subjectKind()), alert.subject());
        alert.modelGroup().filter(g -> !alert.subjectKind().equals("model_group")).ifPresent(g -> line(text, "Model group", g));
        alert.apiBase().ifPresent(base -> line(text, "api_base", base));
        alert.error().ifPresent(error -> line(text, "Error", error));
        line(text, alert.phase() == Alert.Phase.RESOLVED ? "Down since" : "Since", AlertWording.instant(alert.since()));
        alert.duration().ifPresent(d -> line(text, "Outage lasted", AlertWording.duration(d)));
        return text.toString();
    }

    private static String kindLabel(String kind) {
        return switch (kind) {
            case "deployment" -> "Deployment";
            case "model_group" -> "Model group";
            case "upstream_host" -> "Upstream host";
            case "service" -> "Service";
            default -> kind;
        };
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append('*').append(label).append(":* ").append(escape(cut(value, 500))).append('\n');
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", cut(mrkdwn, MAX_TEXT));
    }

    /** Slack's mrkdwn reserves these three; everything else is literal. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
