package io.driftgate.rollout;

import static io.driftgate.rollout.DecisionKind.ADVANCED;
import static io.driftgate.rollout.DecisionKind.APPROVED;
import static io.driftgate.rollout.DecisionKind.AWAITING_APPROVAL;
import static io.driftgate.rollout.DecisionKind.HELD;
import static io.driftgate.rollout.DecisionKind.PROMOTED;
import static io.driftgate.rollout.DecisionKind.REJECTED;
import static io.driftgate.rollout.DecisionKind.STARTED;
import static io.driftgate.rollout.EvaluationBuilder.evaluationAt;
import static io.driftgate.rollout.ProgressReason.COMMANDED;
import static io.driftgate.rollout.ProgressReason.GATES_PASSED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rollouts that reach 100%: straight through, through flapping gates, and through approvals. */
class PromotionScenarioTest extends RolloutTestBase {

  @Test
  void healthyCandidatePromotesThroughEveryStage() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0));
    for (int stage = 0; stage < EXPOSURES.length; stage++) {
      run.feed(evaluationAt(hoursIn(stage + 1)).build());
    }

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(ADVANCED, 1, 500, GATES_PASSED),
            step(ADVANCED, 2, 2_500, GATES_PASSED),
            step(ADVANCED, 3, 5_000, GATES_PASSED),
            step(ADVANCED, 4, 10_000, GATES_PASSED),
            step(PROMOTED, 4, 10_000, GATES_PASSED));
    assertThat(run.decisions())
        .extracting(Decision::routingChanged)
        .containsExactly(true, true, true, true, true, false);
    Decision promoted = run.decisions().get(5);
    assertThat(promoted.toPhase()).isEqualTo(Phase.PROMOTED);
    assertThat(promoted.actor()).isEqualTo(Decision.AUTOMATIC);
    assertThat(promoted.at()).isEqualTo(hoursIn(5));
    assertThat(promoted.evidence()).hasSize(3);
    assertThat(run.status().phase()).isEqualTo(Phase.PROMOTED);
    assertThat(run.feed(evaluationAt(hoursIn(6)).gates(Gates.criticalBreach(Gates.SCHEMA)).build()))
        .as("a promoted rollout ignores evaluations")
        .isEmpty();
  }

  @Test
  void flappingGateNeverRollsBackAndTheCandidateStillPromotes() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0));
    for (int i = 1; i <= 6; i++) {
      boolean passes = i % 3 == 0;
      run.feed(
          evaluationAt(minutesIn(10L * i))
              .gates(passes ? Gates.pass(Gates.AGE) : Gates.breach(Gates.AGE))
              .build());
    }
    for (int stage = 1; stage < EXPOSURES.length; stage++) {
      run.feed(evaluationAt(hoursIn(stage + 1)).build());
    }

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(HELD, 0, 100, HoldReason.BREACH_PERSISTING),
            step(HELD, 0, 100, HoldReason.MIN_DURATION),
            step(HELD, 0, 100, HoldReason.BREACH_PERSISTING),
            step(ADVANCED, 1, 500, GATES_PASSED),
            step(ADVANCED, 2, 2_500, GATES_PASSED),
            step(ADVANCED, 3, 5_000, GATES_PASSED),
            step(ADVANCED, 4, 10_000, GATES_PASSED),
            step(PROMOTED, 4, 10_000, GATES_PASSED));
    assertThat(run.decisions().get(1).message())
        .startsWith("drift:age breached 1 of 3 consecutive evaluations");
  }

  @Test
  void approvalStageWaitsAtTheCurrentExposureAndRestartsTheClockOnApproval() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, plan(2)));
    run.feed(evaluationAt(hoursIn(1)).build());
    run.feed(evaluationAt(hoursIn(2)).build());
    run.feed(approve(minutesIn(140), 1));
    run.feed(evaluationAt(minutesIn(145)).build());
    run.feed(approve(minutesIn(150), 2));
    run.feed(evaluationAt(hoursIn(3)).build());
    run.feed(evaluationAt(minutesIn(210)).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(ADVANCED, 1, 500, GATES_PASSED),
            step(AWAITING_APPROVAL, 2, 500, HoldReason.AWAITING_APPROVAL),
            step(REJECTED, 2, 500, RejectReason.STAGE_PASSED),
            step(APPROVED, 2, 2_500, COMMANDED),
            step(HELD, 2, 2_500, HoldReason.MIN_DURATION),
            step(ADVANCED, 3, 5_000, GATES_PASSED));
    assertThat(run.decisions().get(3).message())
        .isEqualTo(
            "approval of stage 2 of 5 refused: the rollout is past it, stage 3 of 5 awaits"
                + " approval");
    Decision approved = run.decisions().get(4);
    assertThat(approved.message()).isEqualTo("stage 3 of 5 approved; exposure 500 -> 2500 bp");
    assertThat(approved.actor()).isEqualTo(OPERATOR);
    assertThat(approved.routingChanged()).isTrue();
    assertThat(approved.fromPhase()).isEqualTo(Phase.AWAITING_APPROVAL);
    assertThat(run.decisions().get(5).message()).isEqualTo("stage ran PT30M of PT1H");
  }

  @Test
  void firstStageNeedingApprovalExposesNothingUntilApproved() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, plan(0)));
    run.feed(evaluationAt(TEN_MINUTES_IN).build());
    run.feed(approve(HALF_AN_HOUR_IN, 0));

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 0, HoldReason.AWAITING_APPROVAL), step(APPROVED, 0, 100, COMMANDED));
    assertThat(run.decisions().get(0).toPhase()).isEqualTo(Phase.AWAITING_APPROVAL);
    assertThat(run.status().stageStartedAt()).isEqualTo(HALF_AN_HOUR_IN);
  }
}
