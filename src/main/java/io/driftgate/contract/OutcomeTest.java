package io.driftgate.contract;

/** How an outcome gate compares the exposed cohort's observations with the control cohort's. */
public enum OutcomeTest {
  /** The difference of the cohorts' means, for a number such as a model score or a cost. */
  MEAN,
  /** The difference of the cohorts' shares of {@code true}, for a boolean such as a join miss. */
  RATE,
  /**
   * Whether the cohorts' distributions differ, by the largest gap of their distribution functions
   * (Kolmogorov–Smirnov): for a metric whose tail matters more than its mean, such as a latency.
   */
  KS
}
