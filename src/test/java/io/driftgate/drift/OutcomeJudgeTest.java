package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.driftgate.contract.Harm;
import io.driftgate.contract.OutcomeGate;
import io.driftgate.contract.OutcomeTest;
import io.driftgate.outcome.OutcomeDistributions;
import io.driftgate.profile.NumericSummary;
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

  @Test
  void aKsGateBreachesOnItsBetsAndTheGapAtTheFloorAndNamesItsEvidence() {
    OutcomeGate latency =
        new OutcomeGate("latency_ms", OutcomeTest.KS, Harm.INCREASE, 0.1, false, true, 4);
    // Exposed: 1 2 3 4 5 6; control: 0 1 2 3. Below 3 (inclusive): exposed 3/6, control 4/4.
    OutcomeDistributions.Distribution values =
        new OutcomeDistributions.Distribution(
            "latency_ms", summary(1, 2, 3, 4, 5, 6), summary(0, 1, 2, 3));
    double alpha = 0.01;

    GateResult breach =
        OutcomeJudge.judgeDistribution(
            latency, values, Math.log(1 / alpha), List.of(), alpha, START, END);
    assertThat(breach.verdict()).isEqualTo(Verdict.BREACH);
    Evidence evidence = breach.evidence();
    assertThat(evidence.method()).isEqualTo("ks-window-bets");
    assertThat(evidence.statistic())
        .as("the exposed values moved up: F_e - F_c < 0")
        .isEqualTo(-0.5);
    assertThat(evidence.threshold()).isEqualTo(0.1);
    assertThat(evidence.pValue()).isCloseTo(alpha, within(1e-15));
    assertThat(evidence.margin()).as("no band: the bets are the test").isNaN();
    assertThat(evidence.candidateCount()).isEqualTo(6);
    assertThat(evidence.baselineCount()).isEqualTo(4);
    assertThat(evidence.sketchError()).as("both exact").isZero();

    assertThat(
            OutcomeJudge.judgeDistribution(
                    latency, values, Math.log(1 / alpha) - 1e-9, List.of(), alpha, START, END)
                .verdict())
        .as("bets short of 1 / alpha")
        .isEqualTo(Verdict.PASS);
    OutcomeGate highFloor =
        new OutcomeGate("latency_ms", OutcomeTest.KS, Harm.INCREASE, 0.6, false, true, 4);
    assertThat(
            OutcomeJudge.judgeDistribution(highFloor, values, 50, List.of(), alpha, START, END)
                .verdict())
        .isEqualTo(Verdict.PASS);
    OutcomeGate fewer =
        new OutcomeGate("latency_ms", OutcomeTest.KS, Harm.INCREASE, 0.1, false, true, 5);
    assertThat(
            OutcomeJudge.judgeDistribution(fewer, values, 50, List.of(), alpha, START, END)
                .verdict())
        .as("the control cohort has 4 of the 5 it needs")
        .isEqualTo(Verdict.NO_DATA);
  }

  @Test
  void aKsGateMeasuresOnlyTheHarmfulDirection() {
    OutcomeDistributions.Distribution faster =
        new OutcomeDistributions.Distribution(
            "latency_ms", summary(0, 1, 2, 3), summary(1, 2, 3, 4, 5, 6));
    OutcomeGate up =
        new OutcomeGate("latency_ms", OutcomeTest.KS, Harm.INCREASE, 0, false, true, 2);
    OutcomeGate any = new OutcomeGate("latency_ms", OutcomeTest.KS, Harm.ANY, 0, false, true, 2);

    assertThat(
            OutcomeJudge.judgeDistribution(up, faster, 50, List.of(), 0.01, START, END)
                .evidence()
                .statistic())
        .as("the exposed distribution function is nowhere below the control's")
        .isZero();
    assertThat(
            OutcomeJudge.judgeDistribution(any, faster, 50, List.of(), 0.01, START, END)
                .evidence()
                .statistic())
        .isEqualTo(0.5);
  }

  @Test
  void aMeanJudgeRefusesAKsGate() {
    OutcomeGate latency =
        new OutcomeGate("latency_ms", OutcomeTest.KS, Harm.ANY, 0.1, false, true, 4);
    assertThatThrownBy(() -> OutcomeJudge.judge(latency, List.of(), 0.01, START, END))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static NumericSummary summary(double... values) {
    NumericSummary summary = new NumericSummary(OutcomeDistributions.SETTINGS);
    for (double value : values) {
      summary.add(value);
    }
    return summary;
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
