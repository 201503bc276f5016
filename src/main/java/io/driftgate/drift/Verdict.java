package io.driftgate.drift;

/** What one gate says about the candidate over one evaluation window. */
public enum Verdict {
  /** No significant difference at least as large as the gate's floor. */
  PASS,
  /** A significant difference at least as large as the floor, or a quality bound exceeded. */
  BREACH,
  /** Too few records on a side to say anything. */
  NO_DATA,
  /**
   * Significant, but the summary is too coarse to tell whether the effect reaches the floor: the
   * stage holds rather than advance or roll back on a guess.
   */
  INCONCLUSIVE
}
