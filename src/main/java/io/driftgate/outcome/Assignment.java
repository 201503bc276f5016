package io.driftgate.outcome;

/**
 * Which cohort one outcome counts in ({@link CohortAssigner}), with the stage in force at its event
 * time so that outcomes can be compared stage by stage.
 *
 * <p>{@link #versionMismatch()} is the routing check: the outcome names a version that the routing
 * did not let its key read at its event time. It is reported beside the assignment, never instead
 * of it, so the statistics do not depend on what consumers say ({@code docs/outcomes.md}).
 */
public sealed interface Assignment {

  /**
   * Whether the outcome carries a version that none of the routing entries its key could have read
   * under at its event time would give it; {@code false} when it carries none, or when that routing
   * is unknown.
   */
  boolean versionMismatch();

  /** The consumer read the candidate. */
  record Exposed(int stageIndex, boolean versionMismatch) implements Assignment {}

  /** The consumer read the baseline while the candidate was exposed to others. */
  record Control(int stageIndex, boolean versionMismatch) implements Assignment {}

  /** The outcome counts in neither cohort, for {@code reason}. */
  record Excluded(Exclusion reason, boolean versionMismatch) implements Assignment {}

  /** Why an outcome counts in neither cohort. */
  enum Exclusion {
    /**
     * The dataset had no active rollout at the event time: no routing yet, or the rollout ended.
     */
    NO_ROLLOUT,
    /** The event time is before the first routing entry of the dataset's history. */
    BEFORE_ROLLOUT,
    /**
     * The routing at the event time, or within the settling period before it, is older than the
     * history still holds.
     */
    EXPIRED,
    /** A rollout was active with exposure 0 (preflight, awaiting the first approval). */
    NOT_EXPOSED_YET,
    /**
     * A routing change less than the settling period before the event time changed the version the
     * key reads: the consumer may have read either.
     */
    SETTLING
  }
}
