package io.driftgate.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftgate.rollout.Decision;

/**
 * A rollout decision as JSON, the value of the {@code rollout-events} topic: {@code decision_id}
 * (UUID text), {@code sequence}, {@code dataset}, {@code candidate_version} (nullable), {@code
 * baseline_version}, {@code kind}, {@code from_phase}, {@code to_phase}, {@code stage_index},
 * {@code exposure_bp}, {@code routing_changed}, {@code reason}, {@code message}, {@code actor},
 * {@code decided_at} (ISO-8601), {@code evidence} (array of {@link GateResultJson gate results}).
 * Enums are written by name, so the Flink SQL DDL declares them as {@code STRING}.
 */
public final class DecisionJson {

  private DecisionJson() {}

  public static byte[] toBytes(Decision decision) {
    return Json.bytes(toNode(decision));
  }

  public static ObjectNode toNode(Decision decision) {
    ObjectNode node = Json.object();
    node.put("decision_id", decision.decisionId().toString());
    node.put("sequence", decision.sequence());
    node.put("dataset", decision.dataset());
    node.put("candidate_version", decision.candidateVersion());
    node.put("baseline_version", decision.baselineVersion());
    node.put("kind", decision.kind().name());
    node.put("from_phase", decision.fromPhase().name());
    node.put("to_phase", decision.toPhase().name());
    node.put("stage_index", decision.stageIndex());
    node.put("exposure_bp", decision.exposureBasisPoints());
    node.put("routing_changed", decision.routingChanged());
    node.put("reason", decision.reason().name());
    node.put("message", decision.message());
    node.put("actor", decision.actor());
    Json.putInstant(node, "decided_at", decision.at());
    node.set("evidence", GateResultJson.toArray(decision.evidence()));
    return node;
  }
}
