package io.driftgate.rollout;

import static io.driftgate.rollout.DecisionKind.ADVANCED;
import static io.driftgate.rollout.DecisionKind.APPROVED;
import static io.driftgate.rollout.DecisionKind.AWAITING_APPROVAL;
import static io.driftgate.rollout.DecisionKind.REJECTED;
import static io.driftgate.rollout.DecisionKind.ROLLED_BACK;
import static io.driftgate.rollout.DecisionKind.STARTED;
import static io.driftgate.rollout.EvaluationBuilder.evaluationAt;
import static io.driftgate.rollout.ProgressReason.COMMANDED;
import static io.driftgate.rollout.ProgressReason.GATES_PASSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/**
 * Every approval is answered: applied to the stage awaiting it, kept for a later stage and applied
 * (or refused) when that stage is due or the rollout ends, or refused at once with the reason.
 */
class ApprovalScenarioTest extends RolloutTestBase {

  @Test
  void anApprovalOfALaterStageIsKeptAndAppliedTheMomentItsStageIsDue() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, plan(2)));
    run.feed(approve(TEN_MINUTES_IN, 2));
    assertThat(run.decisions()).as("kept: answered when stage 3 is due").hasSize(1);

    run.feed(evaluationAt(hoursIn(1)).build());
    run.feed(evaluationAt(hoursIn(2)).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(ADVANCED, 1, 500, GATES_PASSED),
            step(AWAITING_APPROVAL, 2, 500, HoldReason.AWAITING_APPROVAL),
            step(APPROVED, 2, 2_500, COMMANDED));
    Decision approved = run.decisions().get(3);
    assertThat(approved.actor()).isEqualTo(OPERATOR);
    assertThat(approved.at()).as("takes effect when due").isEqualTo(hoursIn(2));
    assertThat(approved.message())
        .isEqualTo(
            "stage 3 of 5 approved in advance (command approve@"
                + TEN_MINUTES_IN
                + " at "
                + TEN_MINUTES_IN
                + "); exposure 500 -> 2500 bp");
    assertThat(run.status().stageStartedAt()).isEqualTo(hoursIn(2));
    assertThat(run.status().advanceApprovals()).isEqualTo(AdvanceApprovals.NONE);
  }

  @Test
  void approvalsThatCannotApplyAreRefusedWithTheirReason() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, plan(2)));
    run.feed(evaluationAt(hoursIn(1)).build());
    run.feed(approve(minutesIn(61), 0));
    run.feed(approve(minutesIn(62), 1));
    run.feed(approve(minutesIn(63), 3));
    run.feed(approve(minutesIn(64), 5));
    run.feed(approve(minutesIn(65), 2));
    run.feed(approve(minutesIn(66), 2));

    assertThat(run.decisions().subList(2, run.decisions().size()))
        .extracting(Decision::kind, Decision::reason, Decision::message)
        .containsExactly(
            tuple(
                REJECTED,
                RejectReason.STAGE_PASSED,
                "approval of stage 1 of 5 refused: the rollout is past it, in stage 2 of 5"),
            tuple(
                REJECTED,
                RejectReason.STAGE_PASSED,
                "approval of stage 2 of 5 refused: the rollout is past it, in stage 2 of 5"),
            tuple(
                REJECTED,
                RejectReason.APPROVAL_NOT_REQUIRED,
                "approval of stage 4 of 5 refused: the plan enters it without approval"),
            tuple(
                REJECTED,
                RejectReason.STAGE_NOT_IN_PLAN,
                "approval of stage 6 refused: the plan has 5 stages"),
            tuple(
                REJECTED,
                RejectReason.ALREADY_APPROVED,
                "approval of stage 3 of 5 refused: already approved in advance by alice (command"
                    + " approve@"
                    + minutesIn(65)
                    + ")"));
    assertThat(run.decisions())
        .as("a refusal changes nothing")
        .allSatisfy(
            d -> assertThat(d.exposureBasisPoints()).isEqualTo(d.kind() == STARTED ? 100 : 500));
  }

  @Test
  void anApprovalKeptForAStageNeverReachedLapsesWhenTheRolloutEnds() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, plan(2)));
    run.feed(approve(TEN_MINUTES_IN, 2));
    run.feed(evaluationAt(HALF_AN_HOUR_IN).gates(Gates.criticalBreach(Gates.SCHEMA)).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(ROLLED_BACK, 0, 0, RollbackReason.CRITICAL_BREACH),
            step(REJECTED, 0, 0, RejectReason.ROLLOUT_FINISHED));
    Decision lapsed = run.decisions().get(2);
    assertThat(lapsed.actor()).isEqualTo(OPERATOR);
    assertThat(lapsed.at()).isEqualTo(HALF_AN_HOUR_IN);
    assertThat(lapsed.sequence()).isEqualTo(3);
    assertThat(lapsed.message())
        .isEqualTo(
            "approval of stage 3 of 5 given in advance (command approve@"
                + TEN_MINUTES_IN
                + " at "
                + TEN_MINUTES_IN
                + ") lapsed: rollout of v2 ended ROLLED_BACK");
    assertThat(run.status().advanceApprovals()).isEqualTo(AdvanceApprovals.NONE);
  }

  @Test
  void anApprovalGivenForAnEarlierRolloutDoesNotCarryOver() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, plan(2)));
    run.feed(approve(TEN_MINUTES_IN, 2));
    run.feed(abort(HALF_AN_HOUR_IN, "wrong build"));
    run.feed(start(ONE_HOUR_IN, "v3", plan(2)));
    run.feed(evaluationAt(hoursIn(2)).candidate("v3").build());
    run.feed(evaluationAt(hoursIn(3)).candidate("v3").build());

    assertThat(run.decisions())
        .extracting(Decision::kind)
        .containsExactly(
            STARTED, DecisionKind.ABORTED, REJECTED, STARTED, ADVANCED, AWAITING_APPROVAL);
  }
}
