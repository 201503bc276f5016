package io.driftgate.rollout;

/**
 * The machine-readable why of a decision. Each family is its own enum so a factory such as {@link
 * Decision#rollback} can only be given a reason that makes sense for it.
 */
public sealed interface Reason permits HoldReason, ProgressReason, RejectReason, RollbackReason {

  /** The code written to the audit log, e.g. {@code MIN_SAMPLES}. */
  String name();
}
