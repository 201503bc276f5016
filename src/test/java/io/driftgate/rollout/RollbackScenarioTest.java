package io.driftgate.rollout;

import static io.driftgate.rollout.DecisionKind.ADVANCED;
import static io.driftgate.rollout.DecisionKind.AWAITING_APPROVAL;
import static io.driftgate.rollout.DecisionKind.HELD;
import static io.driftgate.rollout.DecisionKind.REJECTED;
import static io.driftgate.rollout.DecisionKind.ROLLED_BACK;
import static io.driftgate.rollout.DecisionKind.STARTED;
import static io.driftgate.rollout.EvaluationBuilder.evaluationAt;
import static io.driftgate.rollout.ProgressReason.COMMANDED;
import static io.driftgate.rollout.ProgressReason.GATES_PASSED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rollouts that end in a rollback: automatic after drift, or on an operator's command. */
class RollbackScenarioTest extends RolloutTestBase {

  @Test
  void lateDriftPersistingForTheRollbackWindowRollsBackWithThatGatesEvidence() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0));
    for (int stage = 0; stage < 3; stage++) {
      run.feed(evaluationAt(hoursIn(stage + 1)).build());
    }
    for (int i = 1; i <= ROLLBACK_WINDOW; i++) {
      run.feed(
          evaluationAt(minutesIn(180 + 10L * i))
              .gates(Gates.pass(Gates.COUNTRY), Gates.breach(Gates.AGE), Gates.pass(Gates.NULLS))
              .build());
    }

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(ADVANCED, 1, 500, GATES_PASSED),
            step(ADVANCED, 2, 2_500, GATES_PASSED),
            step(ADVANCED, 3, 5_000, GATES_PASSED),
            step(HELD, 3, 5_000, HoldReason.BREACH_PERSISTING),
            step(ROLLED_BACK, 3, 0, RollbackReason.PERSISTENT_BREACH));
    Decision rollback = run.decisions().get(5);
    assertThat(rollback.evidence()).containsExactly(Gates.breach(Gates.AGE));
    assertThat(rollback.message())
        .isEqualTo(
            "drift:age breached 3 consecutive evaluations"
                + " (ks-exact 0.081 vs threshold 0.03, p=0.0004, n=20000/20000)");
    assertThat(rollback.routingChanged()).isTrue();
    assertThat(rollback.fromPhase()).isEqualTo(Phase.STAGE);
    assertThat(rollback.toPhase()).isEqualTo(Phase.ROLLED_BACK);
    assertThat(rollback.actor()).isEqualTo(Decision.AUTOMATIC);
    assertThat(rollback.at()).isEqualTo(minutesIn(210));
  }

  @Test
  void criticalBreachRollsBackAtOnceWithOnlyTheCriticalEvidence() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0));
    run.feed(evaluationAt(ONE_HOUR_IN).build());
    run.feed(
        evaluationAt(minutesIn(70))
            .gates(
                Gates.criticalBreach(Gates.SCHEMA),
                Gates.breach(Gates.AGE),
                Gates.pass(Gates.COUNTRY))
            .build());

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(ADVANCED, 1, 500, GATES_PASSED),
            step(ROLLED_BACK, 1, 0, RollbackReason.CRITICAL_BREACH));
    Decision rollback = run.decisions().get(2);
    assertThat(rollback.evidence()).containsExactly(Gates.criticalBreach(Gates.SCHEMA));
    assertThat(rollback.message()).startsWith("critical gate violation_rate:schema breached (");
  }

  @Test
  void driftWhileAwaitingApprovalRollsBackWithoutApproval() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0, CANDIDATE, plan(2)));
    run.feed(evaluationAt(hoursIn(1)).build());
    run.feed(evaluationAt(hoursIn(2)).build());
    for (int i = 1; i <= ROLLBACK_WINDOW; i++) {
      run.feed(evaluationAt(minutesIn(120 + 10L * i)).gates(Gates.breach(Gates.AGE)).build());
    }
    run.feed(approve(minutesIn(160), 2));

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(ADVANCED, 1, 500, GATES_PASSED),
            step(AWAITING_APPROVAL, 2, 500, HoldReason.AWAITING_APPROVAL),
            step(ROLLED_BACK, 2, 0, RollbackReason.PERSISTENT_BREACH),
            step(REJECTED, 2, 0, RejectReason.ROLLOUT_FINISHED));
    assertThat(run.decisions().get(3).fromPhase()).isEqualTo(Phase.AWAITING_APPROVAL);
    assertThat(run.decisions().get(3).evidence()).containsExactly(Gates.breach(Gates.AGE));
  }

  @Test
  void noDataNeitherConfirmsNorClearsABreach() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0));
    for (int i = 1; i <= 5; i++) {
      boolean quiet = i % 2 == 0;
      run.feed(
          evaluationAt(minutesIn(10L * i))
              .gates(quiet ? Gates.noData(Gates.AGE) : Gates.breach(Gates.AGE))
              .build());
    }

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(HELD, 0, 100, HoldReason.BREACH_PERSISTING),
            step(HELD, 0, 100, HoldReason.NO_DATA),
            step(HELD, 0, 100, HoldReason.BREACH_PERSISTING),
            step(HELD, 0, 100, HoldReason.NO_DATA),
            step(ROLLED_BACK, 0, 0, RollbackReason.PERSISTENT_BREACH));
  }

  @Test
  void manualRollbackWithdrawsTheCandidateForGood() {
    RolloutRun run = new RolloutRun();
    run.feed(start(T0));
    run.feed(evaluationAt(hoursIn(1)).build());
    run.feed(evaluationAt(hoursIn(2)).build());
    run.feed(manualRollback(minutesIn(130), "incident 42"));
    run.feed(start(minutesIn(140)));

    assertSteps(run.decisions())
        .containsExactly(
            step(STARTED, 0, 100, COMMANDED),
            step(ADVANCED, 1, 500, GATES_PASSED),
            step(ADVANCED, 2, 2_500, GATES_PASSED),
            step(ROLLED_BACK, 2, 0, RollbackReason.MANUAL),
            step(REJECTED, 2, 0, RejectReason.CANDIDATE_ABANDONED));
    Decision rollback = run.decisions().get(3);
    assertThat(rollback.actor()).isEqualTo(OPERATOR);
    assertThat(rollback.at()).isEqualTo(minutesIn(130));
    assertThat(rollback.evidence()).isEmpty();
    assertThat(rollback.message()).isEqualTo("manual rollback: incident 42");
    assertThat(rollback.routingChanged()).isTrue();
  }
}
