package io.driftgate.rollout;

/** Where a dataset's rollout stands; the stage index travels beside it in {@link RolloutStatus}. */
public enum Phase {
  /** No rollout has started for the dataset yet. */
  PENDING,
  /**
   * A streamed candidate is started but nobody reads it yet: its records are checked against the
   * contract and the baseline until the contract's preflight sample is complete, and stage 1 is
   * entered only if they pass.
   */
  PREFLIGHT,
  /** The candidate is exposed at the stage's exposure and gates decide whether it advances. */
  STAGE,
  /** Gates allowed the next stage, but it needs a human's approval before it is entered. */
  AWAITING_APPROVAL,
  /** An operator froze the exposure; automatic rollback still applies. */
  PAUSED,
  /** The candidate reached the last stage's exposure and passed it. */
  PROMOTED,
  /** The candidate was withdrawn because of drift or by an operator. */
  ROLLED_BACK,
  /** An operator stopped the rollout. */
  ABORTED;

  public boolean terminal() {
    return this == PROMOTED || this == ROLLED_BACK || this == ABORTED;
  }

  /** Whether a rollout in this phase still exposes a candidate and may still change. */
  public boolean active() {
    return this == PREFLIGHT || this == STAGE || this == AWAITING_APPROVAL || this == PAUSED;
  }
}
