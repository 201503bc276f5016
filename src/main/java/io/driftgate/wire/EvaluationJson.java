package io.driftgate.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftgate.drift.Evaluation;

/**
 * One evaluation window of a candidate against its baseline as JSON, the value of the {@code
 * drift-results} topic: {@code dataset}, {@code candidate_version}, {@code baseline_version},
 * {@code window_start}, {@code window_end} (ISO-8601), {@code candidate_count}, {@code
 * baseline_count}, {@code results} (array of {@link GateResultJson gate results}).
 */
public final class EvaluationJson {

  private EvaluationJson() {}

  public static byte[] toBytes(Evaluation evaluation) {
    return Json.bytes(toNode(evaluation));
  }

  public static ObjectNode toNode(Evaluation evaluation) {
    ObjectNode node = Json.object();
    node.put("dataset", evaluation.dataset());
    node.put("candidate_version", evaluation.candidateVersion());
    node.put("baseline_version", evaluation.baselineVersion());
    Json.putInstant(node, "window_start", evaluation.windowStart());
    Json.putInstant(node, "window_end", evaluation.windowEnd());
    node.put("candidate_count", evaluation.candidateCount());
    node.put("baseline_count", evaluation.baselineCount());
    node.set("results", GateResultJson.toArray(evaluation.results()));
    return node;
  }
}
