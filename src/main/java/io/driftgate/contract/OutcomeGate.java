package io.driftgate.contract;

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

  private static final String PREFIX = "outcome:";

  /** The gate's name in evidence, metrics and {@code drift_result}. */
  public String name() {
    return PREFIX + metric;
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
