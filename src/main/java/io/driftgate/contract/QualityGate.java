package io.driftgate.contract;

/**
 * An upper bound on a quality rate of the candidate.
 *
 * @param field the field the gate watches, or {@code null} for a dataset-wide gate
 * @param max the largest acceptable rate, in [0, 1]
 * @param critical a critical breach rolls back at once instead of waiting for the rollback window
 */
public record QualityGate(QualityMetric metric, String field, double max, boolean critical)
    implements java.io.Serializable {

  /** A stable name for audit rows and metrics, e.g. {@code null_rate:age} or {@code stale_rate}. */
  public String name() {
    String metricName = metric.name().toLowerCase(java.util.Locale.ROOT);
    return field == null ? metricName : metricName + ":" + field;
  }
}
