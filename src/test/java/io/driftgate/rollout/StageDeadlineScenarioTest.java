package io.driftgate.rollout;

import static io.driftgate.rollout.DecisionKind.ADVANCED;
import static io.driftgate.rollout.DecisionKind.APPROVED;
import static io.driftgate.rollout.DecisionKind.AWAITING_APPROVAL;
import static io.driftgate.rollout.DecisionKind.HELD;
import static io.driftgate.rollout.DecisionKind.PAUSED;
import static io.driftgate.rollout.DecisionKind.RESUMED;
import static io.driftgate.rollout.DecisionKind.ROLLED_BACK;
import static io.driftgate.rollout.DecisionKind.STARTED;
import static io.driftgate.rollout.EvaluationBuilder.evaluationAt;
import static io.driftgate.rollout.ProgressReason.COMMANDED;
import static io.driftgate.rollout.ProgressReason.GATES_PASSED;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.DeadlineAction;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import io.driftgate.drift.Evaluation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stage that cannot decide meets its deadline: rolled back, or reported once and held. */
class StageDeadlineScenarioTest extends RolloutTestBase {

  /** Twice {@link #MIN_DURATION}: a stage clock started at T0 reaches it at {@code hoursIn(2)}. */
  private static final Duration MAX_DURATION = Duration.ofHours(2);

  private static final String INCONCLUSIVE_AGE =
      "summary too coarse to tell whether the effect reaches the floor for drift:age";

  @Test
  void inconclusiveForeverRollsBackAtTheDeadlineWithTheHoldsEvidence() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, deadlinePlan(DeadlineAction.ROLLBACK)));
    for (int i = 1; i <= 5; i++) {
      run.feed(inconclusiveAt(30L * i));
    }

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(HELD, 0, 100, HoldReason.INCONCLUSIVE),
            step(ROLLED_BACK, 0, 0, RollbackReason.STAGE_DEADLINE));
    Decision rollback = run.decisions().get(2);
    assertThat(rollback.message())
        .isEqualTo(
            "stage 1 of 5 ran PT2H, past its maxDuration PT2H, held by INCONCLUSIVE: "
                + INCONCLUSIVE_AGE);
    assertThat(rollback.evidence()).containsExactly(Gates.inconclusive(Gates.AGE));
    assertThat(rollback.at()).isEqualTo(hoursIn(2));
    assertThat(rollback.routingChanged()).isTrue();
    assertThat(rollback.actor()).isEqualTo(Decision.AUTOMATIC);
    assertThat(run.status().abandoned().contains(CANDIDATE)).isTrue();
  }

  @Test
  void holdAndAlertReportsTheDeadlineOnceAndKeepsHoldingUntilTheStageDecides() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, deadlinePlan(DeadlineAction.HOLD_AND_ALERT)));
    for (int i = 1; i <= 8; i++) {
      run.feed(inconclusiveAt(30L * i));
    }
    assertThat(run.status().overdue()).isTrue();
    run.feed(evaluationAt(minutesIn(270)).gates(Gates.noData(Gates.AGE)).build());
    run.feed(evaluationAt(minutesIn(300)).gates(Gates.noData(Gates.AGE)).build());
    run.feed(evaluationAt(minutesIn(330)).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(HELD, 0, 100, HoldReason.INCONCLUSIVE),
            step(HELD, 0, 100, HoldReason.DEADLINE_PASSED),
            step(HELD, 0, 100, HoldReason.NO_DATA),
            step(ADVANCED, 1, 500, GATES_PASSED));
    Decision overdue = run.decisions().get(2);
    assertThat(overdue.message())
        .isEqualTo(
            "stage 1 of 5 ran PT2H, past its maxDuration PT2H, held by INCONCLUSIVE: "
                + INCONCLUSIVE_AGE);
    assertThat(overdue.routingChanged()).isFalse();
    assertThat(overdue.toPhase()).isEqualTo(Phase.STAGE);
    assertThat(run.status().overdue()).as("a new stage, a new clock").isFalse();
  }

  @Test
  void aSilentBaselinePastTheDeadlineNamesNoData() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, deadlinePlan(DeadlineAction.ROLLBACK)));
    run.feed(evaluationAt(hoursIn(1)).gates(Gates.noData(Gates.AGE)).counts(20_000, 0).build());
    run.feed(evaluationAt(minutesIn(150)).gates(Gates.noData(Gates.AGE)).counts(40_000, 0).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(HELD, 0, 100, HoldReason.NO_DATA),
            step(ROLLED_BACK, 0, 0, RollbackReason.STAGE_DEADLINE));
    assertThat(run.decisions().get(2).message())
        .isEqualTo(
            "stage 1 of 5 ran PT2H30M, past its maxDuration PT2H, held by NO_DATA: no data for"
                + " drift:age (no baseline records yet)");
  }

  @Test
  void minSamplesNeverReachedOnTheLastStageAlsoMeetsTheDeadline() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, deadlinePlan(DeadlineAction.ROLLBACK)));
    for (int stage = 0; stage < 4; stage++) {
      run.feed(evaluationAt(hoursIn(stage + 1)).build());
    }
    run.feed(evaluationAt(hoursIn(5)).counts(10, 10).build());
    run.feed(evaluationAt(hoursIn(6)).counts(20, 20).build());

    assertSteps(run.decisions())
        .endsWith(
            step(ADVANCED, 4, 10_000, GATES_PASSED),
            step(HELD, 4, 10_000, HoldReason.MIN_SAMPLES),
            step(ROLLED_BACK, 4, 0, RollbackReason.STAGE_DEADLINE));
    assertThat(run.decisions().get(run.decisions().size() - 1).message())
        .isEqualTo(
            "stage 5 of 5 ran PT2H, past its maxDuration PT2H, held by MIN_SAMPLES:"
                + " samples 20/20 (candidate/baseline), stage needs 1000 per side");
  }

  @Test
  void beforeTheDeadlineNothingChangesAndEvidenceStillDecidesFirst() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, deadlinePlan(DeadlineAction.ROLLBACK)));
    run.feed(inconclusiveAt(60));
    run.feed(inconclusiveAt(119));
    run.feed(evaluationAt(hoursIn(2)).build());
    run.feed(evaluationAt(hoursIn(4)).gates(Gates.criticalBreach(Gates.SCHEMA)).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(HELD, 0, 100, HoldReason.INCONCLUSIVE),
            step(ADVANCED, 1, 500, GATES_PASSED),
            step(ROLLED_BACK, 1, 0, RollbackReason.CRITICAL_BREACH));
  }

  @Test
  void awaitingApprovalPastTheDeadlineRollsBack() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, deadlinePlan(DeadlineAction.ROLLBACK, 1)));
    run.feed(evaluationAt(hoursIn(1)).build());
    run.feed(evaluationAt(minutesIn(90)).build());
    run.feed(evaluationAt(hoursIn(2)).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(AWAITING_APPROVAL, 1, 100, HoldReason.AWAITING_APPROVAL),
            step(ROLLED_BACK, 1, 0, RollbackReason.STAGE_DEADLINE));
    Decision rollback = run.decisions().get(2);
    assertThat(rollback.fromPhase()).isEqualTo(Phase.AWAITING_APPROVAL);
    assertThat(rollback.evidence()).isEmpty();
    assertThat(rollback.message())
        .as("stage 0 is still exposed, so its clock and maxDuration bound the wait")
        .isEqualTo(
            "stage 1 of 5 ran PT2H, past its maxDuration PT2H,"
                + " held by AWAITING_APPROVAL: stage 2 of 5 awaits approval");
  }

  @Test
  void awaitingApprovalPastTheDeadlineAlertsOnceAndTheApprovalStartsAFreshClock() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, deadlinePlan(DeadlineAction.HOLD_AND_ALERT, 1)));
    run.feed(evaluationAt(hoursIn(1)).build());
    run.feed(evaluationAt(hoursIn(2)).build());
    run.feed(evaluationAt(hoursIn(3)).build());
    run.feed(approve(hoursIn(4), 1));
    run.feed(inconclusiveAt(300));
    run.feed(inconclusiveAt(359));
    run.feed(inconclusiveAt(360));

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(AWAITING_APPROVAL, 1, 100, HoldReason.AWAITING_APPROVAL),
            step(HELD, 1, 100, HoldReason.DEADLINE_PASSED),
            step(APPROVED, 1, 500, COMMANDED),
            step(HELD, 1, 500, HoldReason.INCONCLUSIVE),
            step(HELD, 1, 500, HoldReason.DEADLINE_PASSED));
    assertThat(run.decisions().get(2).toPhase()).isEqualTo(Phase.AWAITING_APPROVAL);
    assertThat(run.decisions().get(5).message())
        .startsWith("stage 2 of 5 ran PT2H, past its maxDuration PT2H, held by INCONCLUSIVE");
  }

  @Test
  void anOverdueStageThatPassesIntoAnApprovalWaitIsNotReportedAgain() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, deadlinePlan(DeadlineAction.HOLD_AND_ALERT, 1)));
    run.feed(inconclusiveAt(120));
    run.feed(evaluationAt(minutesIn(150)).build());
    run.feed(evaluationAt(hoursIn(4)).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(HELD, 0, 100, HoldReason.DEADLINE_PASSED),
            step(AWAITING_APPROVAL, 1, 100, HoldReason.AWAITING_APPROVAL));
    assertThat(run.status().overdue()).as("still stage 0's clock, still past it").isTrue();
  }

  @Test
  void aFirstStageAwaitingApprovalMeetsTheDeadlineOfTheRolloutsStart() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, deadlinePlan(DeadlineAction.ROLLBACK, 0)));
    run.feed(evaluationAt(hoursIn(1)).build());
    run.feed(evaluationAt(hoursIn(2)).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 0, HoldReason.AWAITING_APPROVAL),
            step(ROLLED_BACK, 0, 0, RollbackReason.STAGE_DEADLINE));
    assertThat(run.decisions().get(1).routingChanged()).isFalse();
  }

  @Test
  void pausedPastTheDeadlineDoesNothingButTheClockKeepsRunning() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, deadlinePlan(DeadlineAction.ROLLBACK)));
    run.feed(pause(TEN_MINUTES_IN));
    run.feed(inconclusiveAt(120));
    run.feed(inconclusiveAt(180));
    assertThat(run.status().overdue()).isFalse();
    run.feed(resume(minutesIn(190)));
    run.feed(inconclusiveAt(200));

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(PAUSED, 0, 100, HoldReason.PAUSED),
            step(RESUMED, 0, 100, COMMANDED),
            step(ROLLED_BACK, 0, 0, RollbackReason.STAGE_DEADLINE));
    assertThat(run.decisions().get(3).message()).startsWith("stage 1 of 5 ran PT3H20M,");
  }

  @Test
  void aDeadlineReportedBeforeAPauseIsNotReportedAgainAfterTheResume() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, deadlinePlan(DeadlineAction.HOLD_AND_ALERT)));
    run.feed(inconclusiveAt(120));
    run.feed(pause(minutesIn(130)));
    run.feed(resume(minutesIn(140)));
    run.feed(inconclusiveAt(150));

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(HELD, 0, 100, HoldReason.DEADLINE_PASSED),
            step(PAUSED, 0, 100, HoldReason.PAUSED),
            step(RESUMED, 0, 100, COMMANDED),
            step(HELD, 0, 100, HoldReason.INCONCLUSIVE));
    assertThat(run.status().overdue()).isTrue();
  }

  @Test
  void replayingADeadlineYieldsEqualDecisions() {
    List<Object> inputs =
        List.of(
            start(T0, CANDIDATE, deadlinePlan(DeadlineAction.HOLD_AND_ALERT, 1)),
            inconclusiveAt(60),
            inconclusiveAt(120),
            evaluationAt(minutesIn(150)).build(),
            evaluationAt(hoursIn(4)).build(),
            approve(minutesIn(250), 1),
            inconclusiveAt(400));

    RolloutRun first = RolloutRun.replay(inputs);
    RolloutRun second = RolloutRun.replay(inputs);

    assertThat(first.decisions()).extracting(Decision::reason).contains(HoldReason.DEADLINE_PASSED);
    assertThat(first.decisions()).isEqualTo(second.decisions());
    assertThat(first.status()).isEqualTo(second.status());
  }

  /** The default plan, each stage with {@link #MAX_DURATION}. */
  private static RolloutPlan deadlinePlan(DeadlineAction onDeadline, Integer... approvalStages) {
    List<Stage> stages =
        plan(approvalStages).stages().stream()
            .map(
                s ->
                    new Stage(
                        s.exposureBasisPoints(),
                        s.minDuration(),
                        s.minSamplesPerSide(),
                        s.approvalRequired(),
                        MAX_DURATION))
            .toList();
    return new RolloutPlan(stages, ROLLBACK_WINDOW, onDeadline);
  }

  private static Evaluation inconclusiveAt(long minutes) {
    return evaluationAt(minutesIn(minutes)).gates(Gates.inconclusive(Gates.AGE)).build();
  }
}
