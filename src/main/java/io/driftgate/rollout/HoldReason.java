package io.driftgate.rollout;

/** Why a rollout stays at its current exposure. */
public enum HoldReason implements Reason {
  /** A gate breaches, but not yet for the plan's rollback window. */
  BREACH_PERSISTING,
  /** A gate had too few records on a side to judge. */
  NO_DATA,
  /** The evaluation carried no gate results at all, so nothing vouches for the candidate. */
  INCONCLUSIVE,
  /**
   * A streamed candidate's preflight sample is not complete: fewer candidate records than the
   * contract's {@code x-driftgate.preflight.minSamples}, or a gate without data to judge. Nobody is
   * exposed yet.
   */
  PREFLIGHT_SAMPLE,
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
  EVIDENCE_RESTARTED,
  /**
   * The job started without its state and resumed the rollout from the database ({@code
   * gate_snapshot}) at its stage: the evidence, the stage's counts and breach streaks restart, and
   * approvals given in advance are gone.
   */
  RECOVERED_WITHOUT_STATE,
  /**
   * The job started without its state and found the rollout in the database, but cannot run it (its
   * plan or versions do not fit this version of the job): it stays at its exposure, judged by
   * nothing, until an operator aborts it or rolls it back.
   */
  NOT_RESUMABLE
}
