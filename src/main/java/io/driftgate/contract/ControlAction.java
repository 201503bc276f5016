package io.driftgate.contract;

/**
 * What an operator may command a dataset's rollout to do; a contract's {@code x-driftgate.control}
 * says who may command each.
 */
public enum ControlAction {
  START,
  APPROVE,
  PAUSE,
  RESUME,
  ABORT,
  ROLLBACK;

  /** As the contract writes it, e.g. {@code approve}. */
  public String spelling() {
    return ContractNode.spelling(this);
  }
}
