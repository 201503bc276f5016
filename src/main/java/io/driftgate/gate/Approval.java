package io.driftgate.gate;

import java.io.Serializable;
import java.time.Instant;

/**
 * An operator's approval of one stage of one candidate, kept until that stage awaits it. An
 * approval may arrive before its stage is reached (approve the 25% stage in advance) and is then
 * applied the moment the stage awaits approval.
 */
public record Approval(String commandId, String dataset, int stageIndex, String actor, Instant at)
    implements Serializable {

  /**
   * The key of the approvals broadcast state: one entry per approval command, since approvals of
   * the same stage in different rollouts must not overwrite each other. A command names the stage,
   * not the candidate: an approval counts for the rollout running when it is given (see {@code
   * DatasetGate#applyApproval}).
   */
  public String key() {
    return dataset + '\0' + commandId;
  }
}
