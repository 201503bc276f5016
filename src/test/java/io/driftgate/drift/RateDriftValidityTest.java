package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Under the null, at its edge (the candidate exactly {@code floor} worse) and with no difference at
 * all, the rate-drift e-value looked at after every window ever reaches 1 / alpha in at most alpha
 * of the sequences, plus three binomial standard deviations of the simulation. The sides are
 * unequal, as in a rollout (a quarter of the baseline's records per window). A fixed-sample z-test
 * looked at as often rejects far more: the simulation is sensitive to the error it guards against.
 */
class RateDriftValidityTest {

  private static final double ALPHA = 0.05;
  private static final int SEQUENCES = 1_000;
  private static final int WINDOWS = 60;
  private static final int CANDIDATE_PER_WINDOW = 50;
  private static final int BASELINE_PER_WINDOW = 200;
  private static final double Z_AT_ALPHA = 1.6448536269514729;

  @ParameterizedTest(name = "baseline {1}, floor {2}, candidate floor worse: {3}")
  @CsvSource({
    "21, 0.30, 0.02, true",
    "22, 0.30, 0.02, false",
    "23, 0.50, 0.00, true",
    "24, 0.01, 0.02, true",
    "25, 0.00, 0.02, true",
    "26, 0.02, 0.00, true",
  })
  void evenLookingAfterEveryWindowRejectsAtMostAlpha(
      long seed, double baselineRate, double floor, boolean atTheEdge) {
    double candidateRate = atTheEdge ? baselineRate + floor : baselineRate;
    SplittableRandom random = new SplittableRandom(seed);
    int rejected = 0;
    int naiveRejected = 0;
    for (int s = 0; s < SEQUENCES; s++) {
      long x = 0;
      long y = 0;
      boolean rejects = false;
      boolean naiveRejects = false;
      for (int w = 1; w <= WINDOWS; w++) {
        x += BinomialDraws.draw(random, CANDIDATE_PER_WINDOW, candidateRate);
        y += BinomialDraws.draw(random, BASELINE_PER_WINDOW, baselineRate);
        long n1 = (long) w * CANDIDATE_PER_WINDOW;
        long n2 = (long) w * BASELINE_PER_WINDOW;
        rejects |= RateDriftTest.logEValue(x, n1, y, n2, floor) >= Math.log(1 / ALPHA);
        naiveRejects |= waldZ(x, n1, y, n2, floor) > Z_AT_ALPHA;
      }
      rejected += rejects ? 1 : 0;
      naiveRejected += naiveRejects ? 1 : 0;
    }
    double allowance = 3 * Math.sqrt(ALPHA * (1 - ALPHA) / SEQUENCES);
    assertThat((double) rejected / SEQUENCES).isLessThanOrEqualTo(ALPHA + allowance);
    if (atTheEdge) { // where a test that ignores the looks errs most
      assertThat((double) naiveRejected / SEQUENCES).isGreaterThan(2 * ALPHA);
    }
  }

  /** The textbook one-sided z statistic for p1 - p2 > floor, valid for one look only. */
  private static double waldZ(long x, long n1, long y, long n2, double floor) {
    double p = (double) x / n1;
    double q = (double) y / n2;
    double variance = p * (1 - p) / n1 + q * (1 - q) / n2;
    return variance == 0 ? 0 : (p - q - floor) / Math.sqrt(variance);
  }
}
