package io.driftgate.rollout;

/**
 * Records observed per side since the current stage started. The gates judge evidence pooled over
 * the whole rollout, so an evaluation's own counts keep growing across stages; a stage's {@code
 * minSamplesPerSide} asks for exposure at the stage's own share, and is checked against these.
 *
 * @param candidate candidate records observed in the stage
 * @param baseline baseline records observed in the stage, or the reference profile's records when
 *     that stands in for a silent baseline (a fixed sample, judged whole)
 */
public record StageSamples(long candidate, long baseline) {}
