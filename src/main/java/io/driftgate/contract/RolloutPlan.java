package io.driftgate.contract;

import java.util.List;

/**
 * How a candidate is exposed: stages of growing exposure, the last at 100%, how long a non-critical
 * breach must persist before it rolls back, and what happens to a stage that stays undecided past
 * its {@link Stage#maxDuration()}.
 *
 * @param rollbackWindow consecutive breaching evaluations that trigger a rollback
 * @param onDeadline one action for every stage: whether an undecidable candidate may stay exposed
 *     is a judgement about the candidate, not about a stage's traffic; {@code null} (not written in
 *     the plan, or restored from state saved before plans had it) means {@link
 *     DeadlineAction#HOLD_AND_ALERT}
 */
public record RolloutPlan(List<Stage> stages, int rollbackWindow, DeadlineAction onDeadline)
    implements java.io.Serializable {

  public RolloutPlan {
    stages = List.copyOf(stages);
    if (onDeadline == null) {
      onDeadline = DeadlineAction.HOLD_AND_ALERT;
    }
  }

  /** A plan that holds and alerts when a stage passes its deadline. */
  public RolloutPlan(List<Stage> stages, int rollbackWindow) {
    this(stages, rollbackWindow, DeadlineAction.HOLD_AND_ALERT);
  }
}
