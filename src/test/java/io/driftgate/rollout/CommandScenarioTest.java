package io.driftgate.rollout;

import static io.driftgate.rollout.DecisionKind.ABORTED;
import static io.driftgate.rollout.DecisionKind.ADVANCED;
import static io.driftgate.rollout.DecisionKind.PAUSED;
import static io.driftgate.rollout.DecisionKind.REJECTED;
import static io.driftgate.rollout.DecisionKind.RESUMED;
import static io.driftgate.rollout.DecisionKind.ROLLED_BACK;
import static io.driftgate.rollout.DecisionKind.STARTED;
import static io.driftgate.rollout.EvaluationBuilder.evaluationAt;
import static io.driftgate.rollout.ProgressReason.COMMANDED;
import static io.driftgate.rollout.ProgressReason.GATES_PASSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operator commands: abort, pause and resume, and the commands that must be refused. */
class CommandScenarioTest extends RolloutTestBase {

  @Test
  void abortIsTerminalAndTheAbortedCandidateIsNeverRetried() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0));
    run.feed(abort(TEN_MINUTES_IN, "wrong build"));
    run.feed(pause(minutesIn(20)));
    run.feed(evaluationAt(minutesIn(25)).gates(Gates.criticalBreach(Gates.SCHEMA)).build());
    run.feed(start(minutesIn(30)));
    run.feed(start(minutesIn(40), "v3", PLAN));
    run.feed(start(minutesIn(50), "v4", PLAN));

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(ABORTED, 0, 0, COMMANDED),
            step(REJECTED, 0, 0, RejectReason.ROLLOUT_FINISHED),
            step(REJECTED, 0, 0, RejectReason.CANDIDATE_ABANDONED),
            step(STARTED, 0, 100, COMMANDED),
            step(REJECTED, 0, 100, RejectReason.ROLLOUT_ACTIVE));
    assertThat(run.decisions())
        .extracting(Decision::candidateVersion)
        .containsExactly(CANDIDATE, CANDIDATE, CANDIDATE, CANDIDATE, "v3", "v3");
    Decision aborted = run.decisions().get(1);
    assertThat(aborted.message()).isEqualTo("aborted: wrong build");
    assertThat(aborted.routingChanged()).isTrue();
    assertThat(run.decisions().get(4).fromPhase()).isEqualTo(Phase.PENDING);
  }

  @Test
  void pauseHoldsEvenWhenEveryGatePassesAndResumeContinuesOnTheSameClock() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0));
    run.feed(pause(TEN_MINUTES_IN));
    run.feed(pause(minutesIn(20)));
    run.feed(evaluationAt(ONE_HOUR_IN).build());
    run.feed(evaluationAt(minutesIn(70)).gates(Gates.breach(Gates.AGE)).build());
    run.feed(resume(minutesIn(75)));
    run.feed(resume(minutesIn(76)));
    run.feed(evaluationAt(minutesIn(80)).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(PAUSED, 0, 100, HoldReason.PAUSED),
            step(REJECTED, 0, 100, RejectReason.ALREADY_PAUSED),
            step(RESUMED, 0, 100, COMMANDED),
            step(REJECTED, 0, 100, RejectReason.NOT_PAUSED),
            step(ADVANCED, 1, 500, GATES_PASSED));
    assertThat(run.decisions().get(3).toPhase()).isEqualTo(Phase.STAGE);
    assertThat(run.decisions().get(5).message()).startsWith("all 3 gates passed after PT1H20M");
  }

  @Test
  void pauseStopsProgressNotProtection() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0));
    run.feed(pause(TEN_MINUTES_IN));
    run.feed(evaluationAt(minutesIn(20)).gates(Gates.criticalBreach(Gates.SCHEMA)).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(PAUSED, 0, 100, HoldReason.PAUSED),
            step(ROLLED_BACK, 0, 0, RollbackReason.CRITICAL_BREACH));
    assertThat(run.decisions().get(2).fromPhase()).isEqualTo(Phase.PAUSED);
  }

  @Test
  void resumingAPausedApprovalWaitsForTheApprovalAgain() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, plan(1)));
    run.feed(evaluationAt(ONE_HOUR_IN).build());
    run.feed(pause(minutesIn(70)));
    run.feed(approve(minutesIn(75), 1));
    run.feed(resume(minutesIn(80)));
    run.feed(evaluationAt(minutesIn(90)).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(DecisionKind.AWAITING_APPROVAL, 1, 100, HoldReason.AWAITING_APPROVAL),
            step(PAUSED, 1, 100, HoldReason.PAUSED),
            step(REJECTED, 1, 100, RejectReason.ROLLOUT_PAUSED),
            step(RESUMED, 1, 100, COMMANDED));
    assertThat(run.status().phase()).isEqualTo(Phase.AWAITING_APPROVAL);
    assertThat(run.decisions())
        .extracting(Decision::message)
        .containsExactly(
            "started v2 against v1: stage 1 of 5 at 100 bp",
            "all 3 gates passed after PT1H with 20000/20000 samples; stage 2 of 5 awaits approval",
            "paused in AWAITING_APPROVAL of stage 2 of 5 at 100 bp",
            "approval of stage 2 of 5 refused: rollout is paused, resume first",
            "resumed AWAITING_APPROVAL of stage 2 of 5");
  }

  @Test
  void commandsWithoutARolloutAreRejectedAndStillNumbered() {
    RolloutRun run = new RolloutRun();
    run.feed(evaluationAt(T0).build());
    assertThat(run.status()).isNull();

    run.feed(approve(TEN_MINUTES_IN, 0));
    run.feed(start(minutesIn(20)));

    assertSteps(run.decisions())
        .containsExactly(
            step(REJECTED, -1, 0, RejectReason.NO_ROLLOUT), step(STARTED, 0, 100, COMMANDED));
    assertThat(run.decisions()).extracting(Decision::sequence).containsExactly(1L, 2L);
    assertThat(run.decisions().get(0).candidateVersion()).isNull();
  }

  @Test
  void startWithAnUnusablePlanIsRejected() {
    RolloutPlan endsAtHalf =
        new RolloutPlan(List.of(new Stage(5_000, Duration.ZERO, 0, false)), ROLLBACK_WINDOW);

    List<Decision> decisions = new RolloutRun().feed(start(T0, CANDIDATE, endsAtHalf));

    assertSteps(decisions).containsExactly(step(REJECTED, -1, 0, RejectReason.INVALID_PLAN));
    assertThat(decisions.get(0).message())
        .isEqualTo("start of v2 refused: plan ends at 5000 bp, not at 10000");
  }

  @Test
  void startOfThePromotedCandidateIsRejected() {
    RolloutPlan oneStage =
        new RolloutPlan(List.of(new Stage(10_000, Duration.ZERO, 0, false)), ROLLBACK_WINDOW);
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, oneStage));
    run.feed(evaluationAt(TEN_MINUTES_IN).build());
    run.feed(start(minutesIn(20), CANDIDATE, oneStage));

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 10_000, COMMANDED),
            step(DecisionKind.PROMOTED, 0, 10_000, GATES_PASSED),
            step(REJECTED, 0, 10_000, RejectReason.CANDIDATE_PROMOTED));
  }

  @Test
  void evaluationsOfAnotherCandidateOrBaselineAreIgnored() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0));
    RolloutStatus started = run.status();

    run.feed(
        evaluationAt(ONE_HOUR_IN)
            .candidate("v0")
            .gates(Gates.criticalBreach(Gates.SCHEMA))
            .build());
    run.feed(evaluationAt(ONE_HOUR_IN).baseline("v0").build());

    assertThat(run.decisions()).hasSize(1);
    assertThat(run.status()).isEqualTo(started);
  }

  @Test
  void anInputOfAnotherDatasetIsAWiringBug() {
    RolloutStatus status = RolloutStateMachine.onCommand(null, start(T0), T0).next();
    Command.Pause elsewhere = new Command.Pause("p", "customers", OPERATOR, TEN_MINUTES_IN);

    assertThatThrownBy(() -> RolloutStateMachine.onCommand(status, elsewhere, TEN_MINUTES_IN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customers");
  }
}
