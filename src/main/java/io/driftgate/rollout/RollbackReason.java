package io.driftgate.rollout;

/** Why a candidate was withdrawn. */
public enum RollbackReason implements Reason {
  /** A critical gate breached once. */
  CRITICAL_BREACH,
  /** A non-critical gate breached for the plan's rollback window of consecutive evaluations. */
  PERSISTENT_BREACH,
  /** An operator asked for it. */
  MANUAL,
  /**
   * A streamed candidate failed its preflight sample (any breach once the sample is complete, a
   * critical or persistent one before): withdrawn before anyone was exposed.
   */
  PREFLIGHT_FAILED,
  /** The stage was still held at its maxDuration and the plan says to roll back then. */
  STAGE_DEADLINE
}
