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
}
