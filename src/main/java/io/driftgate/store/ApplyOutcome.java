package io.driftgate.store;

/** What {@link DecisionStore#apply} did with a decision; none of them is an error. */
public enum ApplyOutcome {
  /** The alias moved (or was created) and the move is in {@code alias_history}. */
  APPLIED,
  /** The decision had been applied before, e.g. by a replay; nothing changed. */
  ALREADY_APPLIED,
  /**
   * The alias held neither expected version: it was left alone and the refusal is in {@code
   * alias_history} with outcome {@code CONFLICT}.
   */
  CONFLICT,
  /** The decision does not touch the alias; its audit row was written. */
  RECORDED
}
