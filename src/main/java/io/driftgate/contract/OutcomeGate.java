package io.driftgate.contract;

import java.util.regex.Pattern;

/**
 * A gate on a downstream outcome of the consumers: the exposed cohort's observations of {@code
 * metric} against the control cohort's. It breaches when the difference is significant under the
 * anytime-valid test, moves the {@link Harm harmful} way, and is at least the effect floor.
 *
 * @param metric the outcome records' {@code metric}
 * @param effectFloor the smallest difference that matters: in the metric's unit, or when {@code
 *     relativeFloor} a share of the control cohort's mean (0.02: 2% of it)
 * @param minSamples observations each cohort must have before the gate can pass: a stage with fewer
 *     exposed observations holds rather than passes
 */
public record OutcomeGate(
    String metric,
    OutcomeTest test,
    Harm harm,
    double effectFloor,
    boolean relativeFloor,
    boolean critical,
    long minSamples)
    implements java.io.Serializable {

  /**
   * Longest metric name: {@code outcome:<metric>} gate names stay far below the 255 of the tables.
   */
  public static final int MAX_METRIC_LENGTH = 128;

  private static final String PREFIX = "outcome:";

  private static final Pattern METRIC = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

  /** The gate's name in evidence, metrics and {@code drift_result}. */
  public String name() {
    return PREFIX + metric;
  }

  /**
   * Why {@code metric} is not a metric name, or {@code null}: a letter, then up to {@value
   * #MAX_METRIC_LENGTH} characters in all of ASCII letters, digits, {@code _ . -}. Metric names end
   * up in gate names ({@code outcome:<metric>}), metric labels and file names, so they keep to
   * characters that need no quoting in any of them, and without {@code :} the gate name splits
   * unambiguously. One rule for contracts and outcome records: a gate whose metric no outcome could
   * carry would hold its rollout for ever.
   */
  public static String metricProblem(String metric) {
    if (metric == null || metric.isEmpty()) {
      return "metric must be a non-empty string";
    }
    if (metric.length() > MAX_METRIC_LENGTH) {
      return "metric is " + metric.length() + " characters long, more than " + MAX_METRIC_LENGTH;
    }
    if (!METRIC.matcher(metric).matches()) {
      return "metric '"
          + metric
          + "' is not a letter followed by ASCII letters, digits, '_', '.' or '-'";
    }
    return null;
  }

  /** Whether a gate result's name is an outcome gate's. */
  public static boolean isOutcome(String gate) {
    return gate.startsWith(PREFIX);
  }

  /** The floor in the metric's unit, for a control cohort whose mean is {@code controlMean}. */
  public double floorFor(double controlMean) {
    return relativeFloor ? effectFloor * Math.abs(controlMean) : effectFloor;
  }
}
