package io.driftgate.rollout;

import static io.driftgate.rollout.EvaluationBuilder.evaluationAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A replay of the same inputs yields the same decisions, ids included: rollback is repeatable. */
class DeterminismTest extends RolloutTestBase {

  private static final List<Object> INPUTS =
      List.of(
          start(T0, CANDIDATE, plan(2)),
          evaluationAt(TEN_MINUTES_IN).counts(10, 10).build(),
          evaluationAt(minutesIn(20)).gates(Gates.breach(Gates.AGE)).build(),
          evaluationAt(ONE_HOUR_IN).build(),
          pause(minutesIn(70)),
          evaluationAt(minutesIn(80)).build(),
          resume(minutesIn(90)),
          evaluationAt(hoursIn(2)).build(),
          approve(minutesIn(130), 2),
          evaluationAt(minutesIn(140)).gates(Gates.breach(Gates.AGE)).build(),
          evaluationAt(minutesIn(150)).gates(Gates.breach(Gates.AGE)).build(),
          evaluationAt(minutesIn(160)).gates(Gates.breach(Gates.AGE)).build(),
          start(minutesIn(170), CANDIDATE, PLAN),
          start(minutesIn(180), "v3", PLAN),
          manualRollback(minutesIn(190), "incident 42"));

  @Test
  void replayingTheSameInputsYieldsEqualDecisions() {
    RolloutRun first = RolloutRun.replay(INPUTS);
    RolloutRun second = RolloutRun.replay(INPUTS);

    assertThat(first.decisions()).hasSizeGreaterThan(10).isEqualTo(second.decisions());
    assertThat(first.status()).isEqualTo(second.status());
  }

  @Test
  void decisionsAreNumberedInOrderWithDistinctIds() {
    List<Decision> decisions = RolloutRun.replay(INPUTS).decisions();

    assertThat(decisions)
        .extracting(Decision::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, decisions.size()).boxed().toList());
    assertThat(decisions).extracting(Decision::decisionId).doesNotHaveDuplicates();
  }
}
