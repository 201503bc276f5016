package io.driftgate.rollout;

/**
 * Why a command was refused; a refused command changes nothing but is still audited, so every
 * command that is not applied is answered.
 */
public enum RejectReason implements Reason {
  /** The command needs a rollout, and the dataset has none. */
  NO_ROLLOUT,
  /** A start arrived while another rollout of the dataset is still active. */
  ROLLOUT_ACTIVE,
  /**
   * The rollout already ended (promoted, rolled back or aborted); also the answer to an approval
   * given in advance for a stage the rollout never reached.
   */
  ROLLOUT_FINISHED,
  /** The candidate was aborted or rolled back before; a failed candidate is never retried. */
  CANDIDATE_ABANDONED,
  /** The candidate is the one the last rollout promoted. */
  CANDIDATE_PROMOTED,
  /** The plan cannot be run, e.g. it has no stages or does not end at full exposure. */
  INVALID_PLAN,
  /** An approval named a stage the rollout's plan does not have. */
  STAGE_NOT_IN_PLAN,
  /** An approval named a stage the rollout already entered, or one before it. */
  STAGE_PASSED,
  /** An approval named a stage the plan lets the rollout enter without one. */
  APPROVAL_NOT_REQUIRED,
  /** An approval named a later stage that an earlier approval already approved in advance. */
  ALREADY_APPROVED,
  /** An approval of the stage awaiting one arrived while the rollout is paused: resume first. */
  ROLLOUT_PAUSED,
  /** A resume arrived while the rollout is not paused. */
  NOT_PAUSED,
  /** A pause arrived while the rollout is already paused. */
  ALREADY_PAUSED,
  /**
   * An approval, pause or resume of a rollout found in the database that cannot be resumed ({@link
   * HoldReason#NOT_RESUMABLE}): only an abort or a rollback can end it.
   */
  ROLLOUT_NOT_RESUMABLE,
  /**
   * A start named a baseline other than the version the alias points at: the candidate would be
   * measured against, and a rollback would return consumers to, a version nobody had promoted.
   */
  BASELINE_NOT_ALIAS,
  /** A start carried its own plan, and the contract allows none or this one breaks its limits. */
  PLAN_NOT_ALLOWED,
  /**
   * An approval came from the actor who started the rollout, and the contract asks for four eyes.
   */
  FOUR_EYES,
  /**
   * A start's preflight failed: the whole candidate, read before anyone was exposed, breaches a
   * gate of the contract against the baseline, or could not be read whole. The decision carries the
   * evidence; nothing was ever exposed.
   */
  PREFLIGHT_FAILED,
  /**
   * A start named a location for its candidate other than the one recorded for that version:
   * consumers may already read it there, and a version's location never changes.
   */
  LOCATION_CONFLICT,
  /*
   * The reasons below refuse a command before it reaches its dataset's rollout (CommandGuard in the
   * job): their decisions have sequence 0 and change nothing, not even the decision numbering.
   */
  /** The job requires signed commands, and this one carries no signature. */
  UNSIGNED,
  /** The command is signed with a key the job's key registry does not hold. */
  UNKNOWN_KEY,
  /** The signature does not verify: the command was changed after signing, or forged. */
  BAD_SIGNATURE,
  /** The signature verifies, but with the key of another actor than the command names. */
  WRONG_ACTOR,
  /** The signed time is too far from when it was sent, or too far behind the dataset's latest. */
  STALE,
  /** A signed command whose id was seen before: a copy of a command, not a new one. */
  REPLAYED,
  /** The contract's control policy does not allow this actor this command. */
  NOT_ALLOWED
}
