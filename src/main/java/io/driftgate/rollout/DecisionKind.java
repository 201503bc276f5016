package io.driftgate.rollout;

/** What a decision did to a rollout; the audit log and the side outputs select on it. */
public enum DecisionKind {
  STARTED,
  ADVANCED,
  AWAITING_APPROVAL,
  APPROVED,
  HELD,
  PAUSED,
  RESUMED,
  ROLLED_BACK,
  PROMOTED,
  ABORTED,
  REJECTED
}
