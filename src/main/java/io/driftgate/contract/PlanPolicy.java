package io.driftgate.contract;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a plan sent with a start command must satisfy, beyond the structural rules every plan meets
 * ({@code io.driftgate.rollout.PlanCheck}): without it, an operator could replace the contract's
 * careful plan with one that exposes everyone at once. A contract's {@code
 * x-driftgate.control.commandPlans}.
 *
 * @param allowed whether a start command may carry a plan at all; when not, the contract's plan
 *     runs
 * @param minStages the fewest stages, the final one included
 * @param maxFirstExposureBasisPoints the largest exposure of the first stage, in basis points
 * @param minStageDuration the shortest {@code minDuration} of every stage but a final 100% one
 * @param minStageSamples the smallest {@code minSamples} of every stage but a final 100% one
 * @param minRollbackWindow the smallest {@code rollbackWindow}
 */
public record PlanPolicy(
    boolean allowed,
    int minStages,
    int maxFirstExposureBasisPoints,
    Duration minStageDuration,
    long minStageSamples,
    int minRollbackWindow)
    implements java.io.Serializable {

  static final int FULL_EXPOSURE = 10_000;

  /** Any plan is accepted: the policy of a contract that sets no {@code commandPlans}. */
  public static final PlanPolicy UNLIMITED =
      new PlanPolicy(true, 1, FULL_EXPOSURE, Duration.ZERO, 0, 1);

  public PlanPolicy {
    Objects.requireNonNull(minStageDuration, "minStageDuration");
    if (minStages < 1
        || maxFirstExposureBasisPoints < 1
        || maxFirstExposureBasisPoints > FULL_EXPOSURE
        || minStageDuration.isNegative()
        || minStageSamples < 0
        || minRollbackWindow < 1) {
      throw new IllegalArgumentException(
          String.format(
              "plan policy out of range: minStages %d (>= 1), maxFirstExposureBasisPoints %d"
                  + " (1..%d), minStageDuration %s (>= 0), minStageSamples %d (>= 0),"
                  + " minRollbackWindow %d (>= 1)",
              minStages,
              maxFirstExposureBasisPoints,
              FULL_EXPOSURE,
              minStageDuration,
              minStageSamples,
              minRollbackWindow));
    }
  }

  /** A start command must not carry a plan. */
  public static PlanPolicy forbidden() {
    return new PlanPolicy(false, 1, FULL_EXPOSURE, Duration.ZERO, 0, 1);
  }

  /**
   * Every limit {@code plan} breaks, one sentence each, naming the stage from 1 and the numbers;
   * empty when the plan may run. Assumes a plan that already passes the structural checks.
   */
  public List<String> problems(RolloutPlan plan) {
    Objects.requireNonNull(plan, "plan");
    if (!allowed) {
      return List.of(
          "the contract does not allow a start command to carry a plan"
              + " (control.commandPlans.allowed is false); start without one to run the"
              + " contract's plan");
    }
    List<String> problems = new ArrayList<>();
    List<Stage> stages = plan.stages();
    if (stages.size() < minStages) {
      problems.add(
          String.format(
              "the plan has %d stage%s, the contract requires at least %d (minStages)",
              stages.size(), stages.size() == 1 ? "" : "s", minStages));
    }
    if (!stages.isEmpty() && stages.get(0).exposureBasisPoints() > maxFirstExposureBasisPoints) {
      problems.add(
          String.format(
              "stage 1 exposure %s%% is above the contract's maxFirstExposure %s%%",
              percent(stages.get(0).exposureBasisPoints()), percent(maxFirstExposureBasisPoints)));
    }
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      if (i == stages.size() - 1 && stage.exposureBasisPoints() == FULL_EXPOSURE) {
        continue;
      }
      Duration duration = stage.minDuration() == null ? Duration.ZERO : stage.minDuration();
      if (duration.compareTo(minStageDuration) < 0) {
        problems.add(
            String.format(
                "stage %d minDuration %s is shorter than the contract's minStageDuration %s",
                i + 1, duration, minStageDuration));
      }
      if (stage.minSamplesPerSide() < minStageSamples) {
        problems.add(
            String.format(
                "stage %d minSamples %d is below the contract's minStageSamples %d",
                i + 1, stage.minSamplesPerSide(), minStageSamples));
      }
    }
    if (plan.rollbackWindow() < minRollbackWindow) {
      problems.add(
          String.format(
              "the plan's rollbackWindow %d is below the contract's minRollbackWindow %d",
              plan.rollbackWindow(), minRollbackWindow));
    }
    return List.copyOf(problems);
  }

  /** Basis points as the percent a plan writes, e.g. {@code 0.5} or {@code 100}. */
  public static String percent(int basisPoints) {
    return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString();
  }
}
