package io.driftgate.rollout;

/** Why a rollout moved forward or changed phase without being held, rolled back or rejected. */
public enum ProgressReason implements Reason {
  /** Every gate passed and the stage met its minimum duration and samples. */
  GATES_PASSED,
  /** An operator's command (start, approve, pause, resume, abort). */
  COMMANDED
}
