package io.driftgate.outcome;

import io.driftgate.contract.OutcomeGate;
import io.driftgate.wire.EventTimes;
import io.driftgate.wire.RecordParser;

/**
 * One downstream observation of one consumer: the value of a metric (a latency, an order's amount,
 * a click as a boolean) that the consumer with {@code cohortKey} saw at {@code eventTimeMillis}
 * after reading {@code dataset}. Every rule the parser enforces holds for every instance, so the
 * emitter cannot write what the job would dead-letter.
 *
 * @param metric what was measured: a {@linkplain OutcomeGate#metricProblem metric name}
 * @param cohortKey the consumer, as it resolves the dataset's version; not blank (a blank key
 *     always reads the baseline, so it would weigh only the control cohort)
 * @param value the observation; finite. A boolean is 1.0 (true) or 0.0 (false)
 * @param rate whether the value was a boolean: an observation of a rate (a conversion, an error)
 *     rather than of a quantity, which the statistics treat differently
 * @param eventTimeMillis when it was observed, epoch millis, clear of the ends of the long range
 * @param version the version the consumer says it read, or {@code null} when it does not say; the
 *     assignment never depends on it ({@link CohortAssigner})
 */
public record Outcome(
    String dataset,
    String metric,
    String cohortKey,
    double value,
    boolean rate,
    long eventTimeMillis,
    String version)
    implements OutcomeResult {

  public Outcome {
    check(dataset != null && !dataset.isBlank(), "outcome: dataset must not be blank");
    String problem = OutcomeGate.metricProblem(metric);
    check(problem == null, "outcome of %s: %s", dataset, problem);
    check(
        cohortKey != null && !cohortKey.isBlank(),
        "outcome of %s: cohort key must not be blank",
        dataset);
    check(Double.isFinite(value), "outcome of %s: value %s is not finite", dataset, value);
    check(
        !rate || value == 0.0 || value == 1.0,
        "outcome of %s: a rate's value is 0 or 1, not %s",
        dataset,
        value);
    check(
        EventTimes.inRange(eventTimeMillis),
        "outcome of %s: event time %d is at the end of the epoch-millis range",
        dataset,
        eventTimeMillis);
    problem = versionProblem(version);
    check(problem == null, "outcome of %s: %s", dataset, problem);
  }

  /** A quantity. */
  public static Outcome of(
      String dataset,
      String metric,
      String cohortKey,
      double value,
      long eventTimeMillis,
      String version) {
    return new Outcome(dataset, metric, cohortKey, value, false, eventTimeMillis, version);
  }

  /** An observation of a rate: {@code true} is 1.0, {@code false} 0.0. */
  public static Outcome of(
      String dataset,
      String metric,
      String cohortKey,
      boolean value,
      long eventTimeMillis,
      String version) {
    return new Outcome(
        dataset, metric, cohortKey, value ? 1.0 : 0.0, true, eventTimeMillis, version);
  }

  /**
   * Why {@code version} cannot be a version, or {@code null}: absent, or 1 to {@value
   * RecordParser#MAX_VERSION_LENGTH} characters, as records' versions.
   */
  public static String versionProblem(String version) {
    if (version == null) {
      return null;
    }
    if (version.isEmpty()) {
      return "version must be null or a non-empty string";
    }
    if (version.length() > RecordParser.MAX_VERSION_LENGTH) {
      return "version is "
          + version.length()
          + " characters long, more than the "
          + RecordParser.MAX_VERSION_LENGTH
          + " the database's version columns hold";
    }
    return null;
  }

  private static void check(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }
}
