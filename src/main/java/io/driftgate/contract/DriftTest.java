package io.driftgate.contract;

/** Which candidate-versus-baseline comparison guards a field. */
public enum DriftTest {
  /** Two-sample Kolmogorov–Smirnov distance on a numeric field. */
  KS,
  /**
   * Chi-square homogeneity evidence with a total-variation effect floor, on a categorical field.
   */
  CHI2,
  /** Population stability index on a categorical field. */
  PSI,
  /** Profiled, never gated. */
  NONE
}
