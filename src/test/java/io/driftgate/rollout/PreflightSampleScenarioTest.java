package io.driftgate.rollout;

import static io.driftgate.rollout.DecisionKind.ADVANCED;
import static io.driftgate.rollout.DecisionKind.APPROVED;
import static io.driftgate.rollout.DecisionKind.AWAITING_APPROVAL;
import static io.driftgate.rollout.DecisionKind.PAUSED;
import static io.driftgate.rollout.DecisionKind.REJECTED;
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
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A streamed candidate whose contract asks for a preflight sample: nobody reads it until that many
 * of its records pass the preflight's strict judgement, and a failure withdraws it unexposed.
 */
class PreflightSampleScenarioTest extends RolloutTestBase {

  private static final long SAMPLE = 5_000;

  @Test
  void stageOneWaitsForTheSampleAndBeginsWhenItPasses() {
    RolloutRun run = new RolloutRun(SAMPLE);
    run.feed(start(T0));
    run.feed(evaluationAt(minutesIn(10)).counts(2_000, 2_000).build());
    assertThat(run.status().phase()).isEqualTo(Phase.PREFLIGHT);
    assertThat(run.status().exposureBasisPoints()).isZero();

    run.feed(evaluationAt(minutesIn(20)).counts(6_000, 6_000).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 0, HoldReason.PREFLIGHT_SAMPLE), step(ADVANCED, 0, 100, GATES_PASSED));
    assertThat(run.decisions().get(0).message())
        .isEqualTo(
            "started v2 against v1: nobody exposed until a preflight sample of 5000 candidate"
                + " records passes; then stage 1 of 5");
    Decision advanced = run.decisions().get(1);
    assertThat(advanced.fromPhase()).isEqualTo(Phase.PREFLIGHT);
    assertThat(advanced.toPhase()).isEqualTo(Phase.STAGE);
    assertThat(advanced.message())
        .isEqualTo(
            "preflight passed: 6000 candidate records against 6000 baseline records, 3 gates;"
                + " exposure 0 -> 100 bp");
    assertThat(advanced.evidence()).hasSize(3);
    assertThat(advanced.routingChanged()).isTrue();
    // Stage 1's clock starts when the preflight passed, not at the start.
    assertThat(run.status().stageStartedAt()).isEqualTo(minutesIn(20));
    run.feed(evaluationAt(minutesIn(70)).build());
    assertThat(run.status().stageIndex()).isZero();
    run.feed(evaluationAt(minutesIn(80)).build());
    assertThat(run.status().stageIndex()).isEqualTo(1);
  }

  @Test
  void aBreachOnceTheSampleIsCompleteWithdrawsTheCandidateBeforeAnyoneReadsIt() {
    RolloutRun run = new RolloutRun(SAMPLE);
    run.feed(start(T0));
    run.feed(
        evaluationAt(minutesIn(20))
            .counts(6_000, 6_000)
            .gates(Gates.breach(Gates.AGE), Gates.pass(Gates.NULLS))
            .build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 0, HoldReason.PREFLIGHT_SAMPLE),
            step(ROLLED_BACK, 0, 0, RollbackReason.PREFLIGHT_FAILED));
    Decision failed = run.decisions().get(1);
    assertThat(failed.message())
        .isEqualTo(
            "preflight failed (6000 candidate records against 6000 baseline records): drift:age"
                + " breached");
    assertThat(failed.evidence()).containsExactly(Gates.breach(Gates.AGE));
    assertThat(failed.routingChanged()).isFalse();
    assertThat(run.status().abandoned().contains(CANDIDATE)).isTrue();
  }

  @Test
  void aNonCriticalBreachBeforeTheSampleIsCompleteWaitsForTheSample() {
    RolloutRun run = new RolloutRun(SAMPLE);
    run.feed(start(T0));
    run.feed(
        evaluationAt(minutesIn(10)).counts(1_000, 1_000).gates(Gates.breach(Gates.AGE)).build());

    assertThat(run.decisions()).hasSize(1);
    assertThat(run.status().phase()).isEqualTo(Phase.PREFLIGHT);
  }

  @Test
  void aCriticalBreachFailsThePreflightAtOnceWithoutWaitingForTheSample() {
    RolloutRun run = new RolloutRun(SAMPLE);
    run.feed(start(T0));
    run.feed(
        evaluationAt(minutesIn(10))
            .counts(300, 2_000)
            .gates(Gates.criticalBreach(Gates.SCHEMA))
            .build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 0, HoldReason.PREFLIGHT_SAMPLE),
            step(ROLLED_BACK, 0, 0, RollbackReason.PREFLIGHT_FAILED));
    assertThat(run.decisions().get(1).message())
        .startsWith("preflight failed: critical gate violation_rate:schema breached");
  }

  @Test
  void aGateWithoutDataKeepsTheSampleOpenRatherThanFailingIt() {
    RolloutRun run = new RolloutRun(SAMPLE);
    run.feed(start(T0));
    run.feed(
        evaluationAt(minutesIn(20))
            .counts(6_000, 0)
            .gates(Gates.pass(Gates.AGE), Gates.noData(Gates.NULLS))
            .build());
    assertThat(run.decisions()).hasSize(1);
    assertThat(run.status().phase()).isEqualTo(Phase.PREFLIGHT);
    assertThat(
            PreflightJudge.sampleShortfall(
                evaluationAt(minutesIn(20))
                    .counts(6_000, 0)
                    .gates(Gates.pass(Gates.AGE), Gates.noData(Gates.NULLS))
                    .build(),
                SAMPLE))
        .isEqualTo(
            "preflight sample has 6000 candidate records against 0 baseline records, but"
                + " null_rate:age had no data to judge");

    run.feed(evaluationAt(minutesIn(30)).counts(7_000, 7_000).build());
    assertThat(run.status().phase()).isEqualTo(Phase.STAGE);
  }

  @Test
  void anApprovalOfStageOneGivenDuringThePreflightIsAppliedWhenItPasses() {
    RolloutRun approvedEarly = new RolloutRun(SAMPLE);
    approvedEarly.feed(start(T0, CANDIDATE, plan(0)));
    approvedEarly.feed(approve(minutesIn(5), 0));
    approvedEarly.feed(evaluationAt(minutesIn(20)).counts(6_000, 6_000).build());

    assertSteps(approvedEarly.decisions())
        .containsExactly(
            step(STARTED, 0, 0, HoldReason.PREFLIGHT_SAMPLE),
            step(AWAITING_APPROVAL, 0, 0, HoldReason.AWAITING_APPROVAL),
            step(APPROVED, 0, 100, COMMANDED));

    RolloutRun notApproved = new RolloutRun(SAMPLE);
    notApproved.feed(start(T0, CANDIDATE, plan(0)));
    notApproved.feed(evaluationAt(minutesIn(20)).counts(6_000, 6_000).build());
    assertThat(notApproved.status().phase()).isEqualTo(Phase.AWAITING_APPROVAL);
    assertThat(notApproved.status().exposureBasisPoints()).isZero();

    RolloutRun notRequired = new RolloutRun(SAMPLE);
    notRequired.feed(start(T0));
    notRequired.feed(approve(minutesIn(5), 0));
    assertSteps(notRequired.decisions().subList(1, 2))
        .containsExactly(step(REJECTED, 0, 0, RejectReason.APPROVAL_NOT_REQUIRED));
  }

  @Test
  void aPausedPreflightIsNotJudgedUntilResumedButStillFailsOnACriticalBreach() {
    RolloutRun run = new RolloutRun(SAMPLE);
    run.feed(start(T0));
    run.feed(pause(minutesIn(5)));
    run.feed(evaluationAt(minutesIn(20)).counts(6_000, 6_000).build());
    assertThat(run.status().phase()).isEqualTo(Phase.PAUSED);
    run.feed(resume(minutesIn(25)));
    assertThat(run.status().phase()).isEqualTo(Phase.PREFLIGHT);
    run.feed(evaluationAt(minutesIn(30)).counts(7_000, 7_000).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 0, HoldReason.PREFLIGHT_SAMPLE),
            step(PAUSED, 0, 0, HoldReason.PAUSED),
            step(RESUMED, 0, 0, COMMANDED),
            step(ADVANCED, 0, 100, GATES_PASSED));

    RolloutRun breached = new RolloutRun(SAMPLE);
    breached.feed(start(T0));
    breached.feed(pause(minutesIn(5)));
    breached.feed(
        evaluationAt(minutesIn(10))
            .counts(300, 300)
            .gates(Gates.criticalBreach(Gates.SCHEMA))
            .build());
    assertThat(breached.decisions().get(2).reason()).isEqualTo(RollbackReason.PREFLIGHT_FAILED);
  }

  @Test
  void stageOnesDeadlineBoundsASampleThatNeverCompletes() {
    Stage first = new Stage(100, MIN_DURATION, MIN_SAMPLES, false, Duration.ofHours(2));
    RolloutPlan plan =
        new RolloutPlan(
            java.util.List.of(first, new Stage(10_000, Duration.ZERO, 0, false)),
            ROLLBACK_WINDOW,
            DeadlineAction.ROLLBACK);
    RolloutRun run = new RolloutRun(SAMPLE);
    run.feed(start(T0, CANDIDATE, plan));
    run.feed(evaluationAt(hoursIn(1)).counts(100, 100).build());
    run.feed(evaluationAt(hoursIn(2)).counts(200, 200).build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 0, HoldReason.PREFLIGHT_SAMPLE),
            step(ROLLED_BACK, 0, 0, RollbackReason.STAGE_DEADLINE));
    assertThat(run.decisions().get(1).message())
        .isEqualTo(
            "stage 1 of 2 ran PT2H, past its maxDuration PT2H, held by PREFLIGHT_SAMPLE:"
                + " preflight sample has 200 of 5000 candidate records");
  }

  @Test
  void withoutASampleTheStreamedStartEntersStageOneAtOnce() {
    RolloutRun run = new RolloutRun(0);
    run.feed(start(T0));
    assertSteps(run.decisions()).containsExactly(step(STARTED, 0, 100, COMMANDED));
  }
}
