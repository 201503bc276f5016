package io.driftgate.contract;

/** How an outcome gate compares the exposed cohort's observations with the control cohort's. */
public enum OutcomeTest {
  /** The difference of the cohorts' means, for a number such as a model score or a cost. */
  MEAN,
  /** The difference of the cohorts' shares of {@code true}, for a boolean such as a join miss. */
  RATE
}
