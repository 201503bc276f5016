package io.driftgate.contract;

import java.time.Duration;

/**
 * One step of a rollout plan.
 *
 * @param exposureBasisPoints share of consumers reading the candidate, 1..10000
 * @param minDuration event time the stage must last before it may advance
 * @param minSamplesPerSide records of the candidate and of the baseline the stage must observe
 * @param approvalRequired a human must approve before the stage is entered
 */
public record Stage(
    int exposureBasisPoints, Duration minDuration, long minSamplesPerSide, boolean approvalRequired)
    implements java.io.Serializable {}
