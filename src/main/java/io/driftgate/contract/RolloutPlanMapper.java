package io.driftgate.contract;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps {@code x-driftgate.rollout} to a plan. Exposures are written in percent for people and
 * stored in basis points for cohort hashing, so a percent must have at most two decimals.
 */
final class RolloutPlanMapper {

  private static final int DEFAULT_ROLLBACK_WINDOW = 3;
  private static final BigDecimal FULL = BigDecimal.valueOf(100);

  private RolloutPlanMapper() {}

  /**
   * @return the plan, or {@code null} when problems were recorded
   */
  static RolloutPlan map(ContractNode rollout) {
    if (!rollout.isMapping()) {
      return null;
    }
    rollout.rejectUnknownKeys("rollbackWindow", "onDeadline", "stages");
    ContractNode windowNode = rollout.get("rollbackWindow");
    Long window = windowNode.integer();
    if (window != null && (window < 1 || window > Integer.MAX_VALUE)) {
      windowNode.problem("rollbackWindow " + window + " must be at least 1");
      window = null;
    }
    DeadlineAction onDeadline = rollout.get("onDeadline").choice(DeadlineAction.class);
    ContractNode stagesNode = rollout.require("stages");
    List<ContractNode> stageNodes = stagesNode.elements();
    if (stageNodes.isEmpty() && !stagesNode.isAbsent()) {
      stagesNode.problem("expected at least one stage");
    }
    List<Stage> stages = new ArrayList<>();
    boolean complete = true;
    BigDecimal previous = null;
    ContractNode last = null;
    BigDecimal lastExposure = null;
    for (ContractNode stageNode : stageNodes) {
      if (!stageNode.isMapping()) {
        complete = false;
        lastExposure = null;
        continue;
      }
      stageNode.rejectUnknownKeys(
          "exposure", "minDuration", "maxDuration", "minSamples", "approval");
      ContractNode exposureNode = stageNode.require("exposure");
      BigDecimal exposure = exposure(exposureNode, "exposure");
      Duration minDuration = stageNode.require("minDuration").duration();
      Duration maxDuration = maxDuration(stageNode.get("maxDuration"), minDuration);
      ContractNode samplesNode = stageNode.require("minSamples");
      Long minSamples = samplesNode.integer();
      if (minSamples != null && minSamples < 0) {
        samplesNode.problem("minSamples " + minSamples + " must not be negative");
        minSamples = null;
      }
      boolean approval = stageNode.get("approval").bool(false);
      last = exposureNode;
      lastExposure = exposure;
      if (exposure != null && previous != null && exposure.compareTo(previous) <= 0) {
        exposureNode.problem(
            "exposure "
                + exposure.toPlainString()
                + " must be greater than the previous stage's "
                + previous.toPlainString());
      }
      if (exposure != null) {
        previous = exposure;
      }
      if (exposure == null || minDuration == null || minSamples == null) {
        complete = false;
      } else {
        stages.add(
            new Stage(
                exposure.movePointRight(2).intValueExact(),
                minDuration,
                minSamples,
                approval,
                maxDuration));
      }
    }
    if (lastExposure != null && lastExposure.compareTo(FULL) != 0) {
      last.problem("the last stage must have exposure 100, got " + lastExposure.toPlainString());
    }
    if (!complete || stages.isEmpty()) {
      return null;
    }
    return new RolloutPlan(
        stages, window == null ? DEFAULT_ROLLBACK_WINDOW : window.intValue(), onDeadline);
  }

  /**
   * @return the stage's deadline, or {@code null} for the default; one shorter than {@code
   *     minDuration} would end every stage before it could advance, so it is a problem
   */
  private static Duration maxDuration(ContractNode node, Duration minDuration) {
    Duration maxDuration = node.duration();
    if (maxDuration != null && minDuration != null && maxDuration.compareTo(minDuration) < 0) {
      node.problem(
          "maxDuration " + maxDuration + " must not be shorter than minDuration " + minDuration);
      return null;
    }
    return maxDuration;
  }

  /**
   * @param key names the value in a problem, e.g. {@code exposure}
   * @return the exposure in percent, or {@code null} when it is not a usable percentage
   */
  static BigDecimal exposure(ContractNode node, String key) {
    BigDecimal percent = node.decimal();
    if (percent == null) {
      return null;
    }
    percent = percent.stripTrailingZeros();
    if (percent.signum() <= 0 || percent.compareTo(FULL) > 0) {
      node.problem(key + " " + percent.toPlainString() + " must be in [0.01, 100] percent");
      return null;
    }
    if (percent.scale() > 2) {
      node.problem(
          key
              + " "
              + percent.toPlainString()
              + " has more than 2 decimals; the finest step is 0.01 percent (one basis point)");
      return null;
    }
    return percent;
  }
}
