package io.driftgate.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps an {@code x-driftgate.gates} block, field-level or dataset-wide, to quality gates: an
 * absolute maximum and a comparison with the baseline per rate.
 */
final class GateMapper {

  /** Whether a rate is compared with the baseline's when its block does not say. */
  enum Drift {
    /**
     * Not a share of counted records (the duplicate rate): never compared, no {@code drift} key.
     */
    NONE,
    /** Compared only when the block sets {@code drift}. */
    OPT_IN,
    /** Compared at the default floor unless the block sets {@code drift: false}. */
    DEFAULT
  }

  /** A gate's key in YAML, the rate it bounds, and whether it is compared by default. */
  record GateKey(String key, QualityMetric metric, Drift drift) {}

  /** The gates of one block: absolute maxima and comparisons with the baseline. */
  record Gates(List<QualityGate> bounds, List<RateDriftGate> drifts) {}

  // Null rates and the share of violating records are compared by default: a field or a dataset
  // that quietly gets worse is the regression nobody writes a maximum for. Per-field violations
  // are covered by the dataset's share; stale records depend on the pipeline as much as the data.
  static final List<GateKey> FIELD_GATES =
      List.of(
          new GateKey("nullRate", QualityMetric.NULL_RATE, Drift.DEFAULT),
          new GateKey("violationRate", QualityMetric.VIOLATION_RATE, Drift.OPT_IN));

  static final List<GateKey> DATASET_GATES =
      List.of(
          new GateKey("violationRate", QualityMetric.VIOLATION_RATE, Drift.DEFAULT),
          new GateKey("duplicateRate", QualityMetric.DUPLICATE_RATE, Drift.NONE),
          new GateKey("staleRate", QualityMetric.STALE_RATE, Drift.OPT_IN));

  private GateMapper() {}

  /**
   * @param gates the block; absent means every rate's defaults
   * @param field the field the gates watch, or {@code null} for dataset-wide gates
   * @param known the gates allowed in this block, in the order they are returned
   */
  static Gates map(ContractNode gates, String field, List<GateKey> known) {
    if (gates.isMapping()) {
      gates.rejectUnknownKeys(known.stream().map(GateKey::key).toArray(String[]::new));
    }
    List<QualityGate> bounds = new ArrayList<>();
    List<RateDriftGate> drifts = new ArrayList<>();
    for (GateKey key : known) {
      ContractNode gate = gates.get(key.key());
      if (gate.isAbsent()) {
        if (key.drift() == Drift.DEFAULT) {
          drifts.add(new RateDriftGate(key.metric(), field, RateDriftGate.DEFAULT_FLOOR, false));
        }
        continue;
      }
      if (!gate.isMapping()) {
        continue;
      }
      boolean comparable = key.drift() != Drift.NONE;
      ContractNode maxNode;
      if (comparable) {
        gate.rejectUnknownKeys("max", "drift", "critical");
        maxNode = gate.get("max");
        if (maxNode.isAbsent() && gate.get("drift").isAbsent()) {
          gate.problem("expected max, drift or both");
        }
      } else {
        gate.rejectUnknownKeys("max", "critical");
        maxNode = gate.require("max");
      }
      Double max = maxNode.number();
      boolean critical = gate.get("critical").bool(false);
      if (max != null) {
        if (max < 0 || max > 1) {
          maxNode.problem("max " + ContractNode.format(max) + " must be a rate in [0, 1]");
        } else {
          bounds.add(new QualityGate(key.metric(), field, max, critical));
        }
      }
      Double floor = comparable ? floor(gate.get("drift"), key.drift() == Drift.DEFAULT) : null;
      if (floor != null) {
        drifts.add(new RateDriftGate(key.metric(), field, floor, critical));
      }
    }
    return new Gates(bounds, drifts);
  }

  /** The floor a {@code drift} key sets, or {@code null} for no comparison. */
  private static Double floor(ContractNode drift, boolean onByDefault) {
    if (drift.isAbsent()) {
      return onByDefault ? RateDriftGate.DEFAULT_FLOOR : null;
    }
    Double floor = drift.numberOrSwitch(RateDriftGate.DEFAULT_FLOOR);
    if (floor != null && (floor < 0 || floor >= 1)) {
      drift.problem(
          "drift "
              + ContractNode.format(floor)
              + " must be a floor in [0, 1): the increase tolerated, in percentage points as a"
              + " fraction");
      return null;
    }
    return floor;
  }
}
