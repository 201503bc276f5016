package io.driftgate.routing;

/**
 * One dataset's row of the routing table: what its consumers read now. Broadcast by the job and
 * read per record by consumers, so every invariant the resolver relies on is checked here, once.
 *
 * @param dataset the dataset name
 * @param baselineVersion the version every unexposed consumer reads
 * @param candidateVersion the version under rollout, or {@code null} when there is none
 * @param exposureBasisPoints share of cohort buckets reading the candidate, 0..10000; 0 when there
 *     is no candidate
 * @param salt per-rollout salt of the {@link CohortHash}, non-blank and without U+0000
 * @param stage 0-based index into the dataset's {@code RolloutPlan.stages()} of the stage the
 *     candidate is in or waiting to enter, or {@link #NO_STAGE} when there is no candidate; carried
 *     for audit and metrics, never used to resolve a version
 */
public record RoutingEntry(
    String dataset,
    String baselineVersion,
    String candidateVersion,
    int exposureBasisPoints,
    String salt,
    int stage)
    implements java.io.Serializable {

  /** The {@link #stage()} of an entry without a candidate. */
  public static final int NO_STAGE = -1;

  public RoutingEntry {
    check(dataset != null && !dataset.isBlank(), "routing entry: dataset must not be blank");
    check(
        baselineVersion != null && !baselineVersion.isBlank(),
        "routing entry for dataset '%s': baselineVersion must not be blank",
        dataset);
    check(
        exposureBasisPoints >= 0 && exposureBasisPoints <= CohortHash.BUCKETS,
        "routing entry for dataset '%s': exposureBasisPoints is %d, must be in 0..%d",
        dataset,
        exposureBasisPoints,
        CohortHash.BUCKETS);
    check(
        salt != null && !salt.isBlank(),
        "routing entry for dataset '%s': salt must not be blank",
        dataset);
    check(
        salt.indexOf('\0') < 0,
        "routing entry for dataset '%s': salt must not contain U+0000, the salt/key separator",
        dataset);
    if (candidateVersion == null) {
      check(
          exposureBasisPoints == 0,
          "routing entry for dataset '%s': exposureBasisPoints is %d without a candidateVersion,"
              + " must be 0",
          dataset,
          exposureBasisPoints);
      check(
          stage == NO_STAGE,
          "routing entry for dataset '%s': stage is %d without a candidateVersion, must be %d",
          dataset,
          stage,
          NO_STAGE);
    } else {
      check(
          !candidateVersion.isBlank(),
          "routing entry for dataset '%s': candidateVersion must be null or not blank",
          dataset);
      check(
          !candidateVersion.equals(baselineVersion),
          "routing entry for dataset '%s': candidateVersion equals baselineVersion '%s'",
          dataset,
          baselineVersion);
      check(
          stage >= 0,
          "routing entry for dataset '%s': stage is %d with candidateVersion '%s', must be >= 0",
          dataset,
          stage,
          candidateVersion);
    }
  }

  private static void check(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }
}
