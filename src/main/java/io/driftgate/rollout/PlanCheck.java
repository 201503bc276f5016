package io.driftgate.rollout;

import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import java.util.List;
import java.util.Optional;

/**
 * The conditions a plan must meet before a rollout may run it. A bad plan is an operator's mistake,
 * so it is rejected with a reason instead of failing the job; the reason numbers stages from 1.
 */
public final class PlanCheck {

  private PlanCheck() {}

  /** What makes {@code plan} unusable, if anything. */
  public static Optional<String> problem(RolloutPlan plan) {
    List<Stage> stages = plan.stages();
    if (stages.isEmpty()) {
      return Optional.of("plan has no stages");
    }
    if (plan.rollbackWindow() < 1) {
      return Optional.of("plan rollbackWindow " + plan.rollbackWindow() + " is not >= 1");
    }
    int previous = 1;
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      if (stage.minDuration() == null || stage.minDuration().isNegative()) {
        return Optional.of(
            "plan stage "
                + StageNumber.of(i)
                + " minDuration "
                + stage.minDuration()
                + " is not >= 0");
      }
      if (stage.maxDuration().compareTo(stage.minDuration()) < 0) {
        return Optional.of(
            String.format(
                "plan stage %d maxDuration %s is not >= minDuration %s",
                StageNumber.of(i), stage.maxDuration(), stage.minDuration()));
      }
      int exposure = stage.exposureBasisPoints();
      if (exposure < previous || exposure > RolloutStatus.FULL_EXPOSURE) {
        return Optional.of(
            String.format(
                "plan stage %d exposure %d bp is not within [%d, %d]",
                StageNumber.of(i), exposure, previous, RolloutStatus.FULL_EXPOSURE));
      }
      previous = exposure;
    }
    if (previous != RolloutStatus.FULL_EXPOSURE) {
      return Optional.of("plan ends at " + previous + " bp, not at " + RolloutStatus.FULL_EXPOSURE);
    }
    return Optional.empty();
  }
}
