package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

/**
 * The outcome gates' difference of means: exact against hand-computed references, valid under
 * continuous monitoring of A/A rollouts, and able to see a 2% drop.
 */
class MeanDifferenceTestTest {

  private static final double ALPHA = 0.01;

  @Test
  void momentsMatchCommonsMathWhicheverWayTheSampleIsSplit() {
    SplittableRandom random = new SplittableRandom(7);
    SummaryStatistics reference = new SummaryStatistics();
    Moments whole = Moments.NONE;
    Moments left = Moments.NONE;
    Moments right = Moments.NONE;
    for (int i = 0; i < 10_000; i++) {
      double x = 1e6 + random.nextGaussian() * 3;
      reference.addValue(x);
      whole = whole.with(x);
      if (i % 3 == 0) {
        left = left.with(x);
      } else {
        right = right.with(x);
      }
    }
    Moments merged = left.merge(right);
    assertThat(whole.mean()).isCloseTo(reference.getMean(), within(1e-6));
    assertThat(whole.variance()).isCloseTo(reference.getVariance(), within(1e-6));
    assertThat(merged.n()).isEqualTo(10_000);
    assertThat(merged.mean()).isCloseTo(reference.getMean(), within(1e-6));
    assertThat(merged.variance()).isCloseTo(reference.getVariance(), within(1e-6));
  }

  @Test
  void oneStratumIsTheMixtureTestOfTheWelchZStatistic() {
    Moments exposed = moments(1.0, 2.0, 3.0, 4.0, 6.0);
    Moments control = moments(2.0, 3.0, 5.0, 6.0, 7.0, 9.0);
    MeanDifferenceTest.Result result =
        MeanDifferenceTest.test(
            List.of(new MeanDifferenceTest.Stratum(exposed, control)), false, ALPHA, 100);

    // By hand: means 3.2 and 5.333..., variances 3.7 and 6.666..., sizes 5 and 6.
    double difference = 3.2 - 32.0 / 6;
    double variance = 3.7 / 5 + (40.0 / 6) / 6;
    double z = difference / Math.sqrt(variance);
    double tau = 5.0 * 6 / 11;
    double rho = 100 / (2 * Math.log(100) + Math.log(1 + 2 * Math.log(100)));
    double p = Math.sqrt((tau + rho) / rho) * Math.exp(-z * z * tau / (2 * (tau + rho)));
    double margin =
        Math.sqrt((tau + rho) / tau * Math.log((tau + rho) / (rho * ALPHA * ALPHA)))
            * Math.sqrt(variance);
    assertThat(result.estimate()).isCloseTo(difference, within(1e-12));
    assertThat(result.pValue()).isCloseTo(Math.min(1, p), within(1e-12));
    assertThat(result.margin()).isCloseTo(margin, within(1e-12));
    assertThat(result.effectiveSamples()).isCloseTo(tau, within(1e-12));
    assertThat(result.exposed()).isEqualTo(exposed);
  }

  @Test
  void strataAreCombinedByInverseVarianceSoATrendSharedByBothCohortsCancels() {
    // Stage 1: 10% exposed, both cohorts around 10; stage 2: 50% exposed, both around 20. Pooled
    // means would differ by about 7 (the exposed are mostly stage-2 observations); per stage none.
    SplittableRandom random = new SplittableRandom(11);
    MeanDifferenceTest.Stratum first = stratum(random, 200, 1800, () -> 10 + random.nextGaussian());
    MeanDifferenceTest.Stratum second =
        stratum(random, 2000, 2000, () -> 20 + random.nextGaussian());
    MeanDifferenceTest.Result result =
        MeanDifferenceTest.test(List.of(first, second), false, ALPHA, 200);

    assertThat(result.exposed().mean() - result.control().mean()).isGreaterThan(3);
    assertThat(result.estimate()).isCloseTo(0, within(0.1));
    assertThat(result.significant()).isFalse();
  }

  @Test
  void rhoMakesTheBoundaryNearlyTightestAtThePlannedSamples() {
    for (long planned : new long[] {100, 1_000, 50_000}) {
      for (double alpha : new double[] {1e-2, 1e-4}) {
        double chosen = critical(planned, MeanDifferenceTest.rho(planned, alpha), alpha);
        double best = Double.POSITIVE_INFINITY;
        for (double rho = planned * 1e-4; rho < planned * 10; rho *= 1.01) {
          best = Math.min(best, critical(planned, rho, alpha));
        }
        assertThat(chosen).as("planned %d, alpha %s", planned, alpha).isLessThan(best * 1.01);
      }
    }
  }

  @Test
  void identicalCohortsOfBooleansOrConstantsAreNotADifference() {
    Moments zeros = Moments.NONE;
    for (int i = 0; i < 1000; i++) {
      zeros = zeros.with(0.0);
    }
    MeanDifferenceTest.Result rate =
        MeanDifferenceTest.test(
            List.of(new MeanDifferenceTest.Stratum(zeros, zeros)), true, ALPHA, 100);
    assertThat(rate.estimate()).isZero();
    assertThat(rate.pValue()).isEqualTo(1.0);

    MeanDifferenceTest.Result constant =
        MeanDifferenceTest.test(
            List.of(new MeanDifferenceTest.Stratum(zeros, zeros)), false, ALPHA, 100);
    assertThat(constant.pValue()).isEqualTo(1.0);
    assertThat(constant.significant()).isFalse();
  }

  /**
   * A/A: 600 seeded rollouts of three stages (10%, 25%, 50% exposed), each looked at after every
   * one of 30 windows, for a normal and a skewed (exponential) metric: the share ever significant
   * stays below alpha. The mixture is conservative, so the count is far below alpha's 6.
   */
  @Test
  void underContinuousMonitoringAnAaRolloutIsRarelyEverSignificant() {
    for (String shape : List.of("normal", "exponential")) {
      int rejected = 0;
      for (int run = 0; run < 600; run++) {
        SplittableRandom random = new SplittableRandom(1_000L * run + shape.length());
        DoubleSupplier metric =
            shape.equals("normal")
                ? () -> 0.5 + 0.1 * random.nextGaussian()
                : () -> -Math.log(1 - random.nextDouble());
        if (everSignificant(random, metric, 0.0)) {
          rejected++;
        }
      }
      assertThat(rejected).as(shape).isLessThanOrEqualTo(6);
    }
  }

  /** Power: a model score whose mean drops by 2% for exposed keys is caught in most rollouts. */
  @Test
  void aTwoPercentDropInAScoresMeanIsSeen() {
    int caught = 0;
    for (int run = 0; run < 100; run++) {
      SplittableRandom random = new SplittableRandom(run);
      if (everSignificant(random, () -> 0.5 + 0.1 * random.nextGaussian(), -0.01)) {
        caught++;
      }
    }
    assertThat(caught).isGreaterThanOrEqualTo(95);
  }

  /** Ten windows per stage of 2000 observations, split by the stage's exposure. */
  private static boolean everSignificant(
      SplittableRandom random, DoubleSupplier metric, double exposedShift) {
    double[] exposures = {0.10, 0.25, 0.50};
    List<MeanDifferenceTest.Stratum> strata = new ArrayList<>();
    for (double exposure : exposures) {
      Moments exposed = Moments.NONE;
      Moments control = Moments.NONE;
      strata.add(null);
      for (int window = 0; window < 10; window++) {
        for (int i = 0; i < 2000; i++) {
          if (random.nextDouble() < exposure) {
            exposed = exposed.with(metric.getAsDouble() + exposedShift);
          } else {
            control = control.with(metric.getAsDouble());
          }
        }
        strata.set(strata.size() - 1, new MeanDifferenceTest.Stratum(exposed, control));
        if (MeanDifferenceTest.test(strata, false, ALPHA, 500).pValue() <= ALPHA) {
          return true;
        }
      }
    }
    return false;
  }

  private static MeanDifferenceTest.Stratum stratum(
      SplittableRandom random, int exposedCount, int controlCount, DoubleSupplier metric) {
    Moments exposed = Moments.NONE;
    Moments control = Moments.NONE;
    for (int i = 0; i < exposedCount; i++) {
      exposed = exposed.with(metric.getAsDouble());
    }
    for (int i = 0; i < controlCount; i++) {
      control = control.with(metric.getAsDouble());
    }
    return new MeanDifferenceTest.Stratum(exposed, control);
  }

  private static Moments moments(double... values) {
    Moments moments = Moments.NONE;
    for (double value : values) {
      moments = moments.with(value);
    }
    return moments;
  }

  private static double critical(double tau, double rho, double alpha) {
    return Math.sqrt((tau + rho) / tau * Math.log((tau + rho) / (rho * alpha * alpha)));
  }
}
