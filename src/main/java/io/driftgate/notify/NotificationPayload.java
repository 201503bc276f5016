package io.driftgate.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftgate.rollout.Decision;
import io.driftgate.wire.GateResultJson;
import java.io.UncheckedIOException;

/**
 * The generic webhook body: what happened (the decision's own fields, as on the {@code
 * rollout-events} topic but for the full evidence), why (the reason, the message and the decisive
 * gate result) and what to do next (a sentence and a runbook link). Built field by field in a fixed
 * order, so a decision always renders to the same bytes — the outbox row, the signature and a
 * replay agree. Pinned in docs/wire-formats.md.
 */
public final class NotificationPayload {

  /** Raised when a field changes meaning or goes away; new fields may be added at any time. */
  public static final int VERSION = 1;

  static final ObjectMapper MAPPER = new ObjectMapper();

  private NotificationPayload() {}

  public static String json(Decision d, String runbookUrl) {
    NextStep next = NextStep.of(d);
    ObjectNode node = MAPPER.createObjectNode();
    node.put("payload_version", VERSION);
    node.put("decision_id", d.decisionId().toString());
    node.put("sequence", d.sequence());
    node.put("dataset", d.dataset());
    node.put("candidate_version", d.candidateVersion());
    node.put("baseline_version", d.baselineVersion());
    node.put("kind", d.kind().name());
    node.put("reason", d.reason().name());
    node.put("from_phase", d.fromPhase().name());
    node.put("to_phase", d.toPhase().name());
    if (d.stageIndex() >= 0) {
      node.put("stage", d.stageIndex() + 1);
    } else {
      node.putNull("stage");
    }
    node.put("exposure_bp", d.exposureBasisPoints());
    node.put("summary", DecisionSummary.headline(d));
    node.put("message", d.message());
    node.set(
        "decisive_evidence",
        DecisionSummary.decisive(d)
            .<JsonNode>map(GateResultJson::toNode)
            .orElse(MAPPER.nullNode()));
    node.put("actor", d.actor());
    node.put("decided_at", d.at().toString());
    node.put("next_step", next.text());
    node.put("runbook", next.link(runbookUrl));
    return text(node);
  }

  static String text(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialize a JSON tree, which never fails", e);
    }
  }
}
