package io.driftgate.rollout;

import io.driftgate.contract.RolloutPlan;

/**
 * Stage numbers as people read them. The code, the tables and the wire formats hold stage
 * <em>indices</em> into the plan's stages, from 0; everything printed for people counts stages from
 * 1 ("stage 2 of 5"), as the CLI's {@code --stage} and {@code status} do, so that a number read in
 * one place can be typed in another.
 */
public final class StageNumber {

  private StageNumber() {}

  /** The number people read for the stage at {@code stageIndex}. */
  public static int of(int stageIndex) {
    return stageIndex + 1;
  }

  /** The stage index of the stage people call {@code number}. */
  public static int index(int number) {
    return number - 1;
  }

  /** E.g. {@code "stage 2 of 5"} for index 1 of a five-stage plan. */
  public static String describe(int stageIndex, RolloutPlan plan) {
    return "stage " + of(stageIndex) + " of " + plan.stages().size();
  }
}
