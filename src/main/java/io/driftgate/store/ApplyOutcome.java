package io.driftgate.store;

/**
 * What {@link DecisionStore#apply} did with a decision; none of them is an error, but {@link
 * #CONFLICT} and {@link #ID_REUSED} say that the database and the job disagree and someone must
 * look (docs/runbook.md). A replay of a decision is answered as its first application was, except
 * that an alias move or audit row written before is {@link #ALREADY_APPLIED}.
 */
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
  RECORDED,
  /**
   * The audit log holds the decision's id for a decision that decided otherwise (another {@link
   * DecisionFingerprint fingerprint}): nothing was applied, and the decision is in {@code
   * decision_id_reuse}.
   */
  ID_REUSED
}
