package io.driftgate.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftgate.rollout.Decision;

/**
 * The body for a Slack incoming webhook (or anything that reads Slack's message format): {@code
 * text}, the one-line fallback Slack shows in notifications, and {@code blocks} with the same facts
 * as {@link NotificationPayload} for people — what happened, why, what to do next and the runbook
 * link. The decision id and actor are in a context block, so a message can be matched to the audit
 * log.
 */
public final class SlackPayload {

  private SlackPayload() {}

  public static String json(Decision d, String runbookUrl) {
    NextStep next = NextStep.of(d);
    String headline = DecisionSummary.headline(d);
    ObjectNode node = NotificationPayload.MAPPER.createObjectNode();
    node.put("text", headline);
    ArrayNode blocks = node.putArray("blocks");
    section(blocks, "*" + escape(headline) + "*\n" + escape(d.message()));
    StringBuilder why = new StringBuilder("*Why:* ").append(d.reason().name());
    DecisionSummary.decisiveText(d).ifPresent(text -> why.append(" — ").append(escape(text)));
    section(blocks, why.toString());
    section(blocks, "*Next:* " + escape(next.text()) + " <" + next.link(runbookUrl) + "|Runbook>");
    ObjectNode context = blocks.addObject();
    context.put("type", "context");
    ObjectNode element = context.putArray("elements").addObject();
    element.put("type", "mrkdwn");
    element.put(
        "text",
        "decision "
            + d.decisionId()
            + " · sequence "
            + d.sequence()
            + " · "
            + escape(d.actor())
            + " · "
            + d.at());
    return NotificationPayload.text(node);
  }

  private static void section(ArrayNode blocks, String markdown) {
    ObjectNode section = blocks.addObject();
    section.put("type", "section");
    ObjectNode text = section.putObject("text");
    text.put("type", "mrkdwn");
    text.put("text", markdown);
  }

  /** Slack's three control characters in message text. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
