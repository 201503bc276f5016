package io.driftgate.rollout;

import io.driftgate.drift.GateResult;
import java.util.List;

/**
 * What one evaluation says about the exposed stage, before the phase decides what to do with it:
 * only a rollback acts while paused or awaiting approval.
 */
sealed interface StageVerdict {

  /** Withdraw the candidate. */
  record RollBack(RollbackReason reason, String message, List<GateResult> evidence)
      implements StageVerdict {}

  /** Keep the exposure. */
  record Hold(HoldReason reason, String message, List<GateResult> evidence)
      implements StageVerdict {}

  /** The stage is done: every gate passed, long enough, over enough samples. */
  record Pass(String message, List<GateResult> evidence) implements StageVerdict {}
}
