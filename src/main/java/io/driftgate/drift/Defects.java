package io.driftgate.drift;

import io.driftgate.contract.QualityMetric;
import io.driftgate.contract.RateDriftGate;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.FieldProfile;

/** The numerators of quality rates: records with a metric's defect, in a field or anywhere. */
final class Defects {

  private Defects() {}

  /** The records a rate-drift gate counts in {@code profile}: its field's, or the dataset's. */
  static long of(RateDriftGate gate, DatasetProfile profile) {
    return gate.field() == null
        ? inDataset(gate.metric(), profile, gate.name())
        : inField(gate.metric(), profile.field(gate.field()), gate.name());
  }

  /** The records with the metric's defect in one field: the numerator of its rate. */
  static long inField(QualityMetric metric, FieldProfile field, String gate) {
    return switch (metric) {
      case NULL_RATE -> field.nulls();
      case VIOLATION_RATE -> field.violations();
      case DUPLICATE_RATE, STALE_RATE ->
          throw new IllegalArgumentException("field gate " + gate + " is not a per-field metric");
    };
  }

  /** The records with the metric's defect anywhere: the numerator of a dataset-wide rate. */
  static long inDataset(QualityMetric metric, DatasetProfile profile, String gate) {
    return switch (metric) {
      case VIOLATION_RATE -> profile.violatingRecords();
      case STALE_RATE -> profile.staleRecords();
      case NULL_RATE, DUPLICATE_RATE ->
          throw new IllegalArgumentException("dataset gate " + gate + " is not a count of records");
    };
  }
}
