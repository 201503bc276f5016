package io.driftgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.groups.Tuple;

/** Named instants, the default plan and command builders for rollout scenarios. */
abstract class RolloutTestBase {

  static final String DATASET = "orders";
  static final String CANDIDATE = "v2";
  static final String BASELINE = "v1";
  static final String OPERATOR = "alice";

  static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
  static final Instant TEN_MINUTES_IN = T0.plus(Duration.ofMinutes(10));
  static final Instant HALF_AN_HOUR_IN = T0.plus(Duration.ofMinutes(30));
  static final Instant ONE_HOUR_IN = T0.plus(Duration.ofHours(1));

  static final Duration MIN_DURATION = Duration.ofHours(1);
  static final long MIN_SAMPLES = 1_000;
  static final int ROLLBACK_WINDOW = 3;

  /** 1% → 5% → 25% → 50% → 100%. */
  static final int[] EXPOSURES = {100, 500, 2_500, 5_000, 10_000};

  static final RolloutPlan PLAN = plan();

  /** The default plan where the stages {@code approvalStages} need an approval. */
  static RolloutPlan plan(Integer... approvalStages) {
    List<Integer> approvals = Arrays.asList(approvalStages);
    List<Stage> stages =
        IntStream.range(0, EXPOSURES.length)
            .mapToObj(
                i -> new Stage(EXPOSURES[i], MIN_DURATION, MIN_SAMPLES, approvals.contains(i)))
            .toList();
    return new RolloutPlan(stages, ROLLBACK_WINDOW);
  }

  /**
   * {@code hours} after {@link #T0}: the end of stage {@code hours - 1} when each lasts an hour.
   */
  static Instant hoursIn(long hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  static Instant minutesIn(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  static Command.Start start(Instant at) {
    return start(at, CANDIDATE, PLAN);
  }

  static Command.Start start(Instant at, String candidate, RolloutPlan plan) {
    return new Command.Start(id("start", at), DATASET, OPERATOR, at, candidate, BASELINE, plan);
  }

  static Command.Approve approve(Instant at, int stageIndex) {
    return new Command.Approve(id("approve", at), DATASET, OPERATOR, at, stageIndex);
  }

  static Command.Pause pause(Instant at) {
    return new Command.Pause(id("pause", at), DATASET, OPERATOR, at);
  }

  static Command.Resume resume(Instant at) {
    return new Command.Resume(id("resume", at), DATASET, OPERATOR, at);
  }

  static Command.Abort abort(Instant at, String reason) {
    return new Command.Abort(id("abort", at), DATASET, OPERATOR, at, reason);
  }

  static Command.ManualRollback manualRollback(Instant at, String reason) {
    return new Command.ManualRollback(id("rollback", at), DATASET, OPERATOR, at, reason);
  }

  private static String id(String kind, Instant at) {
    return kind + "@" + at;
  }

  /** Asserts decisions as (kind, stage index, exposure after, reason), e.g. with {@link #step}. */
  static AbstractListAssert<?, List<? extends Tuple>, Tuple, ObjectAssert<Tuple>> assertSteps(
      List<Decision> decisions) {
    return assertThat(decisions)
        .extracting(
            Decision::kind, Decision::stageIndex, Decision::exposureBasisPoints, Decision::reason);
  }

  static Tuple step(DecisionKind kind, int stageIndex, int exposure, Reason reason) {
    return tuple(kind, stageIndex, exposure, reason);
  }
}
