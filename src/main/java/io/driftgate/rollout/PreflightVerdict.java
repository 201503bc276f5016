package io.driftgate.rollout;

import io.driftgate.drift.GateResult;
import java.util.List;

/**
 * The preflight's answer: stage 1 may begin, or the rollout is refused before anyone is exposed.
 * Either way the evidence is every gate's result on the whole candidate, so the audit shows what
 * was checked, not only what failed.
 */
public sealed interface PreflightVerdict {

  String message();

  List<GateResult> evidence();

  record Pass(String message, List<GateResult> evidence) implements PreflightVerdict {
    public Pass {
      evidence = List.copyOf(evidence);
    }
  }

  record Fail(String message, List<GateResult> evidence) implements PreflightVerdict {
    public Fail {
      evidence = List.copyOf(evidence);
    }
  }
}
