package io.driftgate.outcome;

import static io.driftgate.outcome.Routings.DATASET;
import static io.driftgate.outcome.Routings.SALT_V2;
import static io.driftgate.outcome.Routings.SALT_V3;
import static io.driftgate.outcome.Routings.T0;
import static io.driftgate.outcome.Routings.ended;
import static io.driftgate.outcome.Routings.exposing;
import static io.driftgate.outcome.Routings.history;
import static io.driftgate.outcome.Routings.hours;
import static io.driftgate.outcome.Routings.keyIn;
import static io.driftgate.outcome.Routings.outcome;
import static io.driftgate.outcome.Routings.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.outcome.Assignment.Control;
import io.driftgate.outcome.Assignment.Excluded;
import io.driftgate.outcome.Assignment.Exclusion;
import io.driftgate.outcome.Assignment.Exposed;
import io.driftgate.routing.CohortHash;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Exact assignments over one rollout of v2: started at T0 with nobody exposed (preflight), stage 1
 * at 10% from 1 h, stage 2 at 50% from 3 h, promoted at 5 h. Consumers cache the routing for 5
 * minutes.
 */
class CohortAssignerTest {

  private static final Duration GRACE = Duration.ofMinutes(5);
  private static final Duration MS = Duration.ofMillis(1);

  private static final RoutingHistory ROLLOUT =
      history(
          update(1, T0, exposing("v2", 0, 0)),
          update(2, hours(1), exposing("v2", 1_000, 0)),
          update(3, hours(3), exposing("v2", 5_000, 1)),
          update(4, hours(5), ended("v2", SALT_V2)));

  /** Exposed from stage 1. */
  private static final String EARLY = keyIn(SALT_V2, 0, 1_000);

  /** Control in stage 1, exposed from stage 2. */
  private static final String MOVED = keyIn(SALT_V2, 1_000, 5_000);

  /** Control throughout. */
  private static final String LATE = keyIn(SALT_V2, 5_000, CohortHash.BUCKETS);

  @Test
  void withoutRoutingThereIsNothingToCompare() {
    assertThat(assign(RoutingHistory.EMPTY, EARLY, hours(2), "v2"))
        .isEqualTo(new Excluded(Exclusion.NO_ROLLOUT, false));
    assertThat(assign(ROLLOUT, EARLY, T0.minus(MS), "v2"))
        .isEqualTo(new Excluded(Exclusion.BEFORE_ROLLOUT, false));
  }

  @Test
  void nobodyIsExposedBeforeTheFirstStage() {
    assertThat(assign(ROLLOUT, EARLY, T0, null))
        .isEqualTo(new Excluded(Exclusion.NOT_EXPOSED_YET, false));
    assertThat(assign(ROLLOUT, EARLY, hours(1).minus(MS), "v1"))
        .isEqualTo(new Excluded(Exclusion.NOT_EXPOSED_YET, false));
    assertThat(assign(ROLLOUT, EARLY, hours(0.5), "v2"))
        .as("nobody reads the candidate in preflight")
        .isEqualTo(new Excluded(Exclusion.NOT_EXPOSED_YET, true));
  }

  @Test
  void stageOneSplitsByBucket() {
    assertThat(assign(ROLLOUT, EARLY, hours(2), null)).isEqualTo(new Exposed(0, false));
    assertThat(assign(ROLLOUT, MOVED, hours(2), null)).isEqualTo(new Control(0, false));
    assertThat(assign(ROLLOUT, LATE, hours(2), null)).isEqualTo(new Control(0, false));
  }

  /**
   * The settling period of a change at u is [u, u + grace): inclusive at u, exclusive at its end.
   */
  @Test
  void keysMovedByAChangeSettleForTheGracePeriod() {
    Instant change = hours(3);

    assertThat(assign(ROLLOUT, MOVED, change.minus(MS), null)).isEqualTo(new Control(0, false));
    assertThat(assign(ROLLOUT, MOVED, change, null))
        .isEqualTo(new Excluded(Exclusion.SETTLING, false));
    assertThat(assign(ROLLOUT, MOVED, change.plus(GRACE).minus(MS), null))
        .isEqualTo(new Excluded(Exclusion.SETTLING, false));
    assertThat(assign(ROLLOUT, MOVED, change.plus(GRACE), null)).isEqualTo(new Exposed(1, false));
  }

  @Test
  void keysAChangeDoesNotMoveCountAtOnceInTheNewStage() {
    Instant change = hours(3);

    assertThat(assign(ROLLOUT, EARLY, change, null)).isEqualTo(new Exposed(1, false));
    assertThat(assign(ROLLOUT, LATE, change, null)).isEqualTo(new Control(1, false));
    assertThat(assign(ROLLOUT, MOVED, hours(1), null))
        .as("stage 1 moved only the first 10%")
        .isEqualTo(new Control(0, false));
    assertThat(assign(ROLLOUT, EARLY, hours(1), null))
        .isEqualTo(new Excluded(Exclusion.SETTLING, false));
  }

  @Test
  void withoutGraceEveryChangeCountsAtOnce() {
    assertThat(CohortAssigner.assign(ROLLOUT, Duration.ZERO, outcome(MOVED, hours(3), null)))
        .isEqualTo(new Exposed(1, false));
    assertThat(CohortAssigner.assign(ROLLOUT, Duration.ZERO, outcome(EARLY, hours(1), null)))
        .isEqualTo(new Exposed(0, false));
  }

  @Test
  void aVersionTheRoutingDidNotGiveIsReportedButDoesNotMoveTheOutcome() {
    assertThat(assign(ROLLOUT, EARLY, hours(2), "v2")).isEqualTo(new Exposed(0, false));
    assertThat(assign(ROLLOUT, EARLY, hours(2), "v1")).isEqualTo(new Exposed(0, true));
    assertThat(assign(ROLLOUT, LATE, hours(2), "v1")).isEqualTo(new Control(0, false));
    assertThat(assign(ROLLOUT, LATE, hours(2), "v9")).isEqualTo(new Control(0, true));
    assertThat(assign(ROLLOUT, MOVED, hours(3), "v1"))
        .as("either version is right while settling")
        .isEqualTo(new Excluded(Exclusion.SETTLING, false));
    assertThat(assign(ROLLOUT, MOVED, hours(3), "v9"))
        .isEqualTo(new Excluded(Exclusion.SETTLING, true));
  }

  @Test
  void aPromotionEndsTheComparison() {
    Instant promoted = hours(5);

    assertThat(assign(ROLLOUT, LATE, promoted, "v1"))
        .as("a control consumer may read the baseline until its cache expires")
        .isEqualTo(new Excluded(Exclusion.NO_ROLLOUT, false));
    assertThat(assign(ROLLOUT, LATE, promoted.plus(GRACE), "v1"))
        .isEqualTo(new Excluded(Exclusion.NO_ROLLOUT, true));
    assertThat(assign(ROLLOUT, EARLY, promoted.plus(GRACE), "v2"))
        .isEqualTo(new Excluded(Exclusion.NO_ROLLOUT, false));
  }

  /** v2 rolled back at 1 h; v3 started at 2 h with a new salt, exposed at 2 h 10 min. */
  @Test
  void aRollbackEndsTheComparisonAndANewRolloutHashesWithItsOwnSalt() {
    RoutingHistory history =
        history(
            update(1, T0, exposing("v2", 1_000, 0)),
            update(2, hours(1), ended("v1", SALT_V2)),
            update(3, hours(2), exposing("v3", 0, 0)),
            update(4, hours(2).plus(Duration.ofMinutes(10)), exposing("v3", 1_000, 0)));
    String exposedToV2Only = keyIn2(SALT_V2, true, SALT_V3, false);
    String exposedToV3Only = keyIn2(SALT_V2, false, SALT_V3, true);
    Instant v3Stage = hours(3);

    assertThat(assign(history, exposedToV2Only, hours(0.5), null)).isEqualTo(new Exposed(0, false));
    assertThat(assign(history, exposedToV2Only, hours(1.5), "v1"))
        .isEqualTo(new Excluded(Exclusion.NO_ROLLOUT, false));
    assertThat(assign(history, exposedToV3Only, hours(2), null))
        .isEqualTo(new Excluded(Exclusion.NOT_EXPOSED_YET, false));
    assertThat(assign(history, exposedToV2Only, v3Stage, "v1")).isEqualTo(new Control(0, false));
    assertThat(assign(history, exposedToV3Only, v3Stage, "v3")).isEqualTo(new Exposed(0, false));
    assertThat(assign(history, exposedToV3Only, v3Stage, "v2"))
        .as("a version of the rolled-back rollout")
        .isEqualTo(new Exposed(0, true));
  }

  @Test
  void aTruncatedHistoryDoesNotGuessTheRoutingBeforeIt() {
    RoutingHistory truncated = ROLLOUT.retainedFrom(hours(2));

    assertThat(truncated.complete()).isFalse();
    assertThat(truncated.updates()).hasSize(3);
    assertThat(assign(truncated, EARLY, hours(1).minus(MS), null))
        .isEqualTo(new Excluded(Exclusion.EXPIRED, false));
    assertThat(assign(truncated, EARLY, hours(1), null))
        .as("its settling period reaches before the history")
        .isEqualTo(new Excluded(Exclusion.EXPIRED, false));
    assertThat(assign(truncated, EARLY, hours(1).plus(GRACE), null))
        .isEqualTo(new Exposed(0, false));
    assertThat(assign(truncated, MOVED, hours(3), null))
        .isEqualTo(new Excluded(Exclusion.SETTLING, false));
  }

  @Test
  void refusesAnOutcomeOfAnotherDataset() {
    Outcome other = Outcome.of("other", "m", "k", 1.0, hours(2).toEpochMilli(), null);

    assertThatThrownBy(() -> CohortAssigner.assign(ROLLOUT, GRACE, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(DATASET);
  }

  private static Assignment assign(RoutingHistory history, String key, Instant at, String version) {
    return CohortAssigner.assign(history, GRACE, outcome(key, at, version));
  }

  /** A key exposed at 10% under one salt or not, and under another or not. */
  private static String keyIn2(String salt, boolean exposed, String otherSalt, boolean other) {
    for (int i = 0; ; i++) {
      String key = "user-" + i;
      if ((CohortHash.bucket(salt, key) < 1_000) == exposed
          && (CohortHash.bucket(otherSalt, key) < 1_000) == other) {
        return key;
      }
    }
  }
}
