package io.driftgate.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftgate.routing.RoutingEntry;

/**
 * A dataset's routing entry as JSON, the value of the compacted {@code routing} topic (keyed by
 * dataset): {@code dataset}, {@code baseline_version}, {@code candidate_version} (nullable), {@code
 * exposure_bp}, {@code salt}, {@code stage}, {@code decision_sequence}. The sequence of the
 * decision that produced the entry lets a reader drop an older entry that arrives late.
 */
public final class RoutingJson {

  private RoutingJson() {}

  public static byte[] toBytes(RoutingEntry entry, long decisionSequence) {
    return Json.bytes(toNode(entry, decisionSequence));
  }

  public static ObjectNode toNode(RoutingEntry entry, long decisionSequence) {
    ObjectNode node = Json.object();
    node.put("dataset", entry.dataset());
    node.put("baseline_version", entry.baselineVersion());
    node.put("candidate_version", entry.candidateVersion());
    node.put("exposure_bp", entry.exposureBasisPoints());
    node.put("salt", entry.salt());
    node.put("stage", entry.stage());
    node.put("decision_sequence", decisionSequence);
    return node;
  }
}
