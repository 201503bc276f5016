package io.driftgate.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftgate.drift.Evidence;
import io.driftgate.drift.GateResult;
import java.util.List;

/**
 * A gate result as JSON, flat so that a Flink SQL {@code ROW} or a JSON path can reach every
 * number: {@code gate, field, verdict, critical, method, statistic, threshold, margin, p_value,
 * fixed_sample_p_value, sketch_error, alpha, candidate_count, baseline_count, window_start,
 * window_end, candidate_mean, baseline_mean}: the means are an outcome gate's exposed and control
 * cohorts' ({@code null} for data gates), whose counts are then the cohorts' observations.
 * Statistics that were not computed (NaN) are {@code null}; the window bounds are ISO-8601 strings.
 * The same array is the {@code evidence} of a decision, the {@code results} of an evaluation and
 * the {@code rollout_event.evidence} column.
 */
public final class GateResultJson {

  private GateResultJson() {}

  public static ObjectNode toNode(GateResult result) {
    ObjectNode node = Json.object();
    node.put("gate", result.gate());
    node.put("field", result.field());
    node.put("verdict", result.verdict().name());
    node.put("critical", result.critical());
    Evidence evidence = result.evidence();
    if (evidence == null) {
      for (String field : EVIDENCE_FIELDS) {
        node.putNull(field);
      }
      return node;
    }
    node.put("method", evidence.method());
    Json.putDouble(node, "statistic", evidence.statistic());
    Json.putDouble(node, "threshold", evidence.threshold());
    Json.putDouble(node, "margin", evidence.margin());
    Json.putDouble(node, "p_value", evidence.pValue());
    Json.putDouble(node, "fixed_sample_p_value", evidence.fixedSamplePValue());
    Json.putDouble(node, "sketch_error", evidence.sketchError());
    Json.putDouble(node, "alpha", evidence.alpha());
    node.put("candidate_count", evidence.candidateCount());
    node.put("baseline_count", evidence.baselineCount());
    Json.putInstant(node, "window_start", evidence.windowStart());
    Json.putInstant(node, "window_end", evidence.windowEnd());
    Json.putDouble(node, "candidate_mean", evidence.candidateMean());
    Json.putDouble(node, "baseline_mean", evidence.baselineMean());
    return node;
  }

  public static ArrayNode toArray(List<GateResult> results) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    results.forEach(r -> array.add(toNode(r)));
    return array;
  }

  /** The array as compact JSON text, e.g. for a {@code TEXT} column. */
  public static String toText(List<GateResult> results) {
    return Json.text(toArray(results));
  }

  private static final List<String> EVIDENCE_FIELDS =
      List.of(
          "method",
          "statistic",
          "threshold",
          "margin",
          "p_value",
          "fixed_sample_p_value",
          "sketch_error",
          "alpha",
          "candidate_count",
          "baseline_count",
          "window_start",
          "window_end",
          "candidate_mean",
          "baseline_mean");
}
