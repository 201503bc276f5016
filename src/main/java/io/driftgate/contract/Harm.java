package io.driftgate.contract;

/** Which way an outcome must move, exposed against control, to count against the candidate. */
public enum Harm {
  /** Higher is worse: a cost, a latency, a miss rate. */
  INCREASE,
  /** Lower is worse: a score, a conversion. */
  DECREASE,
  /** Any change is worse: a metric that should not move at all. */
  ANY;

  /** Whether an exposed-minus-control difference of this sign moves the bad way. */
  public boolean harmedBy(double difference) {
    return switch (this) {
      case INCREASE -> difference > 0;
      case DECREASE -> difference < 0;
      case ANY -> difference != 0;
    };
  }

  /**
   * The sign of a harmful gap between the exposed cohort's distribution function and the control's,
   * 0 for either: values that moved up put fewer of them below any threshold, so an increase is a
   * negative gap.
   */
  public int distributionGapSign() {
    return switch (this) {
      case INCREASE -> -1;
      case DECREASE -> 1;
      case ANY -> 0;
    };
  }
}
