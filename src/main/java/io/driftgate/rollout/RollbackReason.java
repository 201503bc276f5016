package io.driftgate.rollout;

/** Why a candidate was withdrawn. */
public enum RollbackReason implements Reason {
  /** A critical gate breached once. */
  CRITICAL_BREACH,
  /** A non-critical gate breached for the plan's rollback window of consecutive evaluations. */
  PERSISTENT_BREACH,
  /** An operator asked for it. */
  MANUAL,
  /** The stage was still held at its maxDuration and the plan says to roll back then. */
  STAGE_DEADLINE
}
