package io.driftgate.rollout;

/** Why a command was refused; a refused command changes nothing but is still audited. */
public enum RejectReason implements Reason {
  /** The command needs a rollout, and the dataset has none. */
  NO_ROLLOUT,
  /** A start arrived while another rollout of the dataset is still active. */
  ROLLOUT_ACTIVE,
  /** The rollout already ended (promoted, rolled back or aborted). */
  ROLLOUT_FINISHED,
  /** The candidate was aborted or rolled back before; a failed candidate is never retried. */
  CANDIDATE_ABANDONED,
  /** The candidate is the one the last rollout promoted. */
  CANDIDATE_PROMOTED,
  /** The plan cannot be run, e.g. it has no stages or does not end at full exposure. */
  INVALID_PLAN,
  /** An approval named another stage than the one awaiting approval. */
  WRONG_STAGE,
  /** An approval arrived while no stage awaits one. */
  NOT_AWAITING_APPROVAL,
  /** A resume arrived while the rollout is not paused. */
  NOT_PAUSED,
  /** A pause arrived while the rollout is already paused. */
  ALREADY_PAUSED
}
