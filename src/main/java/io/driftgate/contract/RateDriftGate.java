package io.driftgate.contract;

import java.util.Locale;

/**
 * A bound on how much worse than its baseline a quality rate of the candidate may get: the gate
 * breaches only on evidence that the candidate's rate exceeds the baseline's by more than {@code
 * floor}. A {@link QualityGate}'s absolute maximum misses a field that goes from 30% to 33% nulls;
 * this does not, and it never rolls back a rate that improves.
 *
 * @param field the field the gate watches, or {@code null} for a dataset-wide rate
 * @param floor the increase tolerated, in percentage points as a fraction (0.02 = two points)
 * @param critical a critical breach rolls back at once instead of waiting for the rollback window
 */
public record RateDriftGate(QualityMetric metric, String field, double floor, boolean critical)
    implements java.io.Serializable {

  /** Two points: what a contract gets where it asks for drift without a floor, or says nothing. */
  public static final double DEFAULT_FLOOR = 0.02;

  /** A stable name for audit rows and metrics, e.g. {@code null_rate_drift:age}. */
  public String name() {
    String metricName = metric.name().toLowerCase(Locale.ROOT) + "_drift";
    return field == null ? metricName : metricName + ":" + field;
  }
}
