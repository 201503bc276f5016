package io.driftgate.rollout;

import static io.driftgate.rollout.DecisionKind.ADVANCED;
import static io.driftgate.rollout.DecisionKind.HELD;
import static io.driftgate.rollout.DecisionKind.STARTED;
import static io.driftgate.rollout.EvaluationBuilder.evaluationAt;
import static io.driftgate.rollout.ProgressReason.COMMANDED;
import static io.driftgate.rollout.ProgressReason.GATES_PASSED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A stage that cannot advance yet says why once per reason, not once per evaluation. */
class HoldScenarioTest extends RolloutTestBase {

  @Test
  void minSamplesAndMinDurationHoldWithTheirReasonsWithoutRepeating() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0));
    run.feed(evaluationAt(TEN_MINUTES_IN).counts(100, 100).build());
    run.feed(evaluationAt(minutesIn(20)).counts(500, 2_000).build());
    run.feed(evaluationAt(HALF_AN_HOUR_IN).counts(2_000, 2_000).build());
    run.feed(evaluationAt(minutesIn(40)).counts(3_000, 3_000).build());
    run.feed(evaluationAt(minutesIn(50)).gates(Gates.noData(Gates.AGE)).build());
    run.feed(evaluationAt(minutesIn(55)).gates(Gates.noData(Gates.AGE)).build());
    run.feed(evaluationAt(ONE_HOUR_IN).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(HELD, 0, 100, HoldReason.MIN_SAMPLES),
            step(HELD, 0, 100, HoldReason.MIN_DURATION),
            step(HELD, 0, 100, HoldReason.NO_DATA),
            step(ADVANCED, 1, 500, GATES_PASSED));
    assertThat(run.decisions())
        .extracting(Decision::message)
        .containsExactly(
            "started v2 against v1: stage 1 of 5 at 100 bp",
            "samples 100/100 (candidate/baseline), stage needs 1000 per side",
            "stage ran PT30M of PT1H",
            "no data for drift:age (no baseline records yet)",
            "all 3 gates passed after PT1H with 20000/20000 samples; exposure 100 -> 500 bp");
    assertThat(run.decisions().get(1).routingChanged()).isFalse();
    assertThat(run.decisions().get(3).evidence()).containsExactly(Gates.noData(Gates.AGE));
  }

  @Test
  void holdsAreReportedAgainInANewStage() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0));
    run.feed(evaluationAt(HALF_AN_HOUR_IN).build());
    run.feed(evaluationAt(ONE_HOUR_IN).build());
    run.feed(evaluationAt(minutesIn(90)).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(HELD, 0, 100, HoldReason.MIN_DURATION),
            step(ADVANCED, 1, 500, GATES_PASSED),
            step(HELD, 1, 500, HoldReason.MIN_DURATION));
  }

  @Test
  void anEvaluationWithoutGatesIsInconclusive() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0));
    run.feed(evaluationAt(ONE_HOUR_IN).gates().build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED), step(HELD, 0, 100, HoldReason.INCONCLUSIVE));
  }
}
