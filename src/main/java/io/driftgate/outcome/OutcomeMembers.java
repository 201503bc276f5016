package io.driftgate.outcome;

import io.driftgate.wire.RejectReason;
import io.driftgate.wire.Rejection;

/**
 * The members of one outcome read so far and what is wrong with them. Problems are collected rather
 * than returned at once because the whole value must still be read to tell bad JSON from a bad
 * member.
 */
final class OutcomeMembers {

  String dataset;
  Rejection datasetProblem;
  String metric;
  String metricProblem;
  String cohortKey;
  String cohortKeyProblem;
  double value;
  boolean rate;
  boolean hasValue;
  String valueProblem;
  long eventTime;
  boolean hasEventTime;
  String eventTimeProblem;
  String version;
  String versionProblem;

  /** The most telling problem, the dataset first since it decides the rest, or {@code null}. */
  Rejection problem() {
    if (datasetProblem != null) {
      return datasetProblem;
    }
    if (dataset == null) {
      return new Rejection(RejectReason.MISSING_DATASET, "outcome has no dataset");
    }
    if (metricProblem != null || metric == null) {
      return new Rejection(
          RejectReason.MISSING_METRIC,
          metricProblem != null ? metricProblem : "outcome has no metric");
    }
    if (cohortKeyProblem != null || cohortKey == null) {
      return new Rejection(
          RejectReason.MISSING_COHORT_KEY,
          cohortKeyProblem != null ? cohortKeyProblem : "outcome has no cohort_key");
    }
    if (valueProblem != null || !hasValue) {
      return new Rejection(
          RejectReason.BAD_OUTCOME_VALUE,
          valueProblem != null ? valueProblem : "outcome has no value");
    }
    if (eventTimeProblem != null || !hasEventTime) {
      return new Rejection(
          RejectReason.BAD_EVENT_TIME,
          eventTimeProblem != null ? eventTimeProblem : "outcome has no event_time");
    }
    if (versionProblem != null) {
      return new Rejection(RejectReason.BAD_VERSION, versionProblem);
    }
    return null;
  }

  /** The outcome, once {@link #problem()} found none and the event time passed its checks. */
  Outcome outcome() {
    return new Outcome(dataset, metric, cohortKey, value, rate, eventTime, version);
  }
}
