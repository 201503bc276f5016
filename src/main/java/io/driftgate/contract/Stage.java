package io.driftgate.contract;

import java.time.Duration;

/**
 * One step of a rollout plan.
 *
 * @param exposureBasisPoints share of consumers reading the candidate, 1..10000
 * @param minDuration event time the stage must last before it may advance
 * @param minSamplesPerSide records of the candidate and of the baseline the stage must observe
 * @param approvalRequired a human must approve before the stage is entered
 * @param maxDuration event time on the stage clock after which a stage still held meets the plan's
 *     {@link RolloutPlan#onDeadline()}, so that a rollout which cannot decide does not hold
 *     forever; {@code null} (not written in the plan, or restored from state saved before stages
 *     had a deadline) means {@link #DEFAULT_MAX_DURATION}, or {@code minDuration} if that is longer
 */
public record Stage(
    int exposureBasisPoints,
    Duration minDuration,
    long minSamplesPerSide,
    boolean approvalRequired,
    Duration maxDuration)
    implements java.io.Serializable {

  /** A day: long enough for a quiet dataset to fill its samples, short enough to be noticed. */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(24);

  public Stage {
    if (maxDuration == null) {
      maxDuration =
          minDuration == null || minDuration.compareTo(DEFAULT_MAX_DURATION) < 0
              ? DEFAULT_MAX_DURATION
              : minDuration;
    }
  }

  /** A stage with the default {@link #maxDuration()}. */
  public Stage(
      int exposureBasisPoints,
      Duration minDuration,
      long minSamplesPerSide,
      boolean approvalRequired) {
    this(exposureBasisPoints, minDuration, minSamplesPerSide, approvalRequired, null);
  }
}
