package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftgate.contract.Harm;
import io.driftgate.contract.OutcomeGate;
import io.driftgate.contract.OutcomeTest;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** An outcome gate's verdict and evidence on its strata. */
class OutcomeJudgeTest {

  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant END = Instant.parse("2026-03-02T10:00:00Z");

  private static final OutcomeGate SCORE =
      new OutcomeGate("model_score", OutcomeTest.MEAN, Harm.DECREASE, 0.01, true, true, 500);

  @Test
  void aScoreThatDropsTwoPercentForTheExposedBreachesWithItsEvidence() {
    MeanDifferenceTest.Stratum stratum = scores(new SplittableRandom(3), 4_000, 16_000, -0.01);
    GateResult result = OutcomeJudge.judge(SCORE, List.of(stratum), 0.001, START, END);

    assertThat(result.gate()).isEqualTo("outcome:model_score");
    assertThat(result.verdict()).isEqualTo(Verdict.BREACH);
    assertThat(result.critical()).isTrue();
    Evidence evidence = result.evidence();
    assertThat(evidence.method()).isEqualTo("mean-difference-msprt");
    assertThat(evidence.candidateCount()).isEqualTo(4_000);
    assertThat(evidence.baselineCount()).isEqualTo(16_000);
    assertThat(evidence.statistic())
        .isCloseTo(stratum.exposed().mean() - stratum.control().mean(), within(1e-12));
    assertThat(evidence.threshold()).isCloseTo(0.01 * stratum.control().mean(), within(1e-12));
    assertThat(evidence.pValue()).isLessThan(0.001);
    assertThat(evidence.margin()).isLessThan(Math.abs(evidence.statistic()));
    assertThat(evidence.fixedSamplePValue()).isLessThan(evidence.pValue());
  }

  @Test
  void aDifferenceTheHarmlessWayOrBelowTheFloorPasses() {
    MeanDifferenceTest.Stratum better = scores(new SplittableRandom(3), 4_000, 16_000, 0.01);
    assertThat(OutcomeJudge.judge(SCORE, List.of(better), 0.001, START, END).verdict())
        .isEqualTo(Verdict.PASS);

    OutcomeGate highFloor =
        new OutcomeGate("model_score", OutcomeTest.MEAN, Harm.ANY, 0.05, true, false, 500);
    MeanDifferenceTest.Stratum worse = scores(new SplittableRandom(3), 4_000, 16_000, -0.01);
    assertThat(OutcomeJudge.judge(highFloor, List.of(worse), 0.001, START, END).verdict())
        .isEqualTo(Verdict.PASS);
  }

  @Test
  void tooFewExposedObservationsHoldTheStageInsteadOfPassingIt() {
    MeanDifferenceTest.Stratum few = scores(new SplittableRandom(3), 499, 16_000, -0.05);
    assertThat(OutcomeJudge.judge(SCORE, List.of(few), 0.001, START, END).verdict())
        .isEqualTo(Verdict.NO_DATA);
  }

  @Test
  void aRateComparesSharesOfTrue() {
    OutcomeGate misses =
        new OutcomeGate("join_miss", OutcomeTest.RATE, Harm.INCREASE, 0.005, false, false, 1_000);
    SplittableRandom random = new SplittableRandom(5);
    Moments exposed = Moments.NONE;
    Moments control = Moments.NONE;
    for (int i = 0; i < 20_000; i++) {
      exposed = exposed.with(random.nextDouble() < 0.06 ? 1 : 0);
      control = control.with(random.nextDouble() < 0.03 ? 1 : 0);
    }
    GateResult result =
        OutcomeJudge.judge(
            misses, List.of(new MeanDifferenceTest.Stratum(exposed, control)), 0.001, START, END);
    assertThat(result.verdict()).isEqualTo(Verdict.BREACH);
    assertThat(result.evidence().method()).isEqualTo("rate-difference-msprt");
    assertThat(result.evidence().statistic()).isCloseTo(0.03, within(0.01));
  }

  private static MeanDifferenceTest.Stratum scores(
      SplittableRandom random, int exposedCount, int controlCount, double shift) {
    Moments exposed = Moments.NONE;
    Moments control = Moments.NONE;
    for (int i = 0; i < exposedCount; i++) {
      exposed = exposed.with(0.5 + shift + 0.1 * random.nextGaussian());
    }
    for (int i = 0; i < controlCount; i++) {
      control = control.with(0.5 + 0.1 * random.nextGaussian());
    }
    return new MeanDifferenceTest.Stratum(exposed, control);
  }
}
