package io.driftgate.contract;

import java.util.ArrayList;
import java.util.List;

/** Maps an {@code x-driftgate.gates} block, field-level or dataset-wide, to quality gates. */
final class GateMapper {

  /** A gate's key in YAML and the rate it bounds. */
  record GateKey(String key, QualityMetric metric) {}

  static final List<GateKey> FIELD_GATES =
      List.of(
          new GateKey("nullRate", QualityMetric.NULL_RATE),
          new GateKey("violationRate", QualityMetric.VIOLATION_RATE));

  static final List<GateKey> DATASET_GATES =
      List.of(
          new GateKey("violationRate", QualityMetric.VIOLATION_RATE),
          new GateKey("duplicateRate", QualityMetric.DUPLICATE_RATE),
          new GateKey("staleRate", QualityMetric.STALE_RATE));

  private GateMapper() {}

  /**
   * @param field the field the gates watch, or {@code null} for dataset-wide gates
   * @param known the gates allowed in this block, in the order they are returned
   */
  static List<QualityGate> map(ContractNode gates, String field, List<GateKey> known) {
    if (!gates.isMapping()) {
      return List.of();
    }
    gates.rejectUnknownKeys(known.stream().map(GateKey::key).toArray(String[]::new));
    List<QualityGate> result = new ArrayList<>();
    for (GateKey key : known) {
      ContractNode gate = gates.get(key.key());
      if (!gate.isMapping()) {
        continue;
      }
      gate.rejectUnknownKeys("max", "critical");
      ContractNode maxNode = gate.require("max");
      Double max = maxNode.number();
      boolean critical = gate.get("critical").bool(false);
      if (max == null) {
        continue;
      }
      if (max < 0 || max > 1) {
        maxNode.problem("max " + ContractNode.format(max) + " must be a rate in [0, 1]");
      } else {
        result.add(new QualityGate(key.metric(), field, max, critical));
      }
    }
    return result;
  }
}
