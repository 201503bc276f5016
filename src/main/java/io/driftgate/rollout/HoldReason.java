package io.driftgate.rollout;

/** Why a rollout stays at its current exposure. */
public enum HoldReason implements Reason {
  /** A gate breaches, but not yet for the plan's rollback window. */
  BREACH_PERSISTING,
  /** A gate had too few records on a side to judge. */
  NO_DATA,
  /** The evaluation carried no gate results at all, so nothing vouches for the candidate. */
  INCONCLUSIVE,
  /** The stage has not observed its minimum samples on both sides. */
  MIN_SAMPLES,
  /** The stage has not lasted its minimum duration (event time). */
  MIN_DURATION,
  /** The next stage waits for a human's approval. */
  AWAITING_APPROVAL,
  /** An operator paused the rollout. */
  PAUSED,
  /**
   * The stage clock passed the stage's maxDuration while the stage was held; the message names the
   * hold underneath. Reported once per stage clock, and the rollout keeps holding.
   */
  DEADLINE_PASSED,
  /**
   * The contract or the profile settings changed under the rollout (an upgrade from a savepoint):
   * the evidence gathered so far does not fit the new profiles, so it restarts, with the stage's
   * counts and breach streaks.
   */
  EVIDENCE_RESTARTED
}
