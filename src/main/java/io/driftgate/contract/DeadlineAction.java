package io.driftgate.contract;

/**
 * What a rollout does with a stage that outlives its {@link Stage#maxDuration()} without being
 * decided. Nothing has proven such a candidate bad, so whether to withdraw it is the plan author's
 * call.
 */
public enum DeadlineAction {
  /**
   * Keep the exposure and report the overdue stage once: the default, because withdrawing a
   * candidate that no gate has faulted should be a human's decision.
   */
  HOLD_AND_ALERT,
  /** Withdraw the candidate: a rollout that cannot decide counts as a failed one. */
  ROLLBACK;

  /** As a plan writes it, e.g. {@code hold-and-alert}. */
  public String spelling() {
    return ContractNode.spelling(this);
  }
}
