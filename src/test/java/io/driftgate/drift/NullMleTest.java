package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The null-constrained MLE against references computed to 50 digits (mpmath, bisection on the same
 * derivative; where the maximum is interior they agree with Farrington and Manning's closed form),
 * and against a brute-force search of the null set.
 */
class NullMleTest {

  @ParameterizedTest(name = "{0}/{1} vs {2}/{3}, floor {4}")
  @CsvSource({
    // observed rates within the floor: the MLE is the observed pair
    "2, 10, 5, 10, 0.02, 0.2, 0.5",
    "0, 1000000000, 0, 1000000000, 0.02, 0, 0",
    // on the edge p = q + floor, interior
    "7, 10, 2, 10, 0.1, 0.49554634737570566, 0.39554634737570566",
    "3, 3, 0, 5, 0.0, 0.375, 0.375",
    "30, 100, 20, 200, 0.02, 0.17620432664467742, 0.15620432664467742",
    "9, 12, 1, 40, 0.2, 0.27431569053417066, 0.074315690534170646",
    "330000000, 1000000000, 300000000, 1000000000, 0.02, 0.32491417035221243, 0.30491417035221243",
    "1000000000, 1000000000, 0, 1000000000, 0.02, 0.51, 0.49",
    // on the edge, at its ends: the baseline rate 0, the candidate rate 1
    "1, 100, 0, 1000, 0.005, 0.005, 0",
    "1000, 1000, 99, 100, 0.005, 1, 0.995",
  })
  void matchesTheReference(
      long x, long n1, long y, long n2, double floor, double candidate, double baseline) {
    NullMle mle = NullMle.of(x, n1, y, n2, floor);

    assertThat(mle.candidate()).isCloseTo(candidate, within(1e-15));
    assertThat(mle.baseline()).isCloseTo(baseline, within(1e-15));
  }

  @Test
  void noPairOfTheNullSetIsMoreLikely() {
    SplittableRandom random = new SplittableRandom(11);
    int grid = 200;
    int[] floorSteps = {0, 2, 10, 40, 100}; // floors 0, 0.01, 0.05, 0.2 and 0.5 lie on the grid
    for (int c = 0; c < 100; c++) {
      long n1 = random.nextLong(1, 60);
      long n2 = random.nextLong(1, 60);
      long x = random.nextLong(n1 + 1);
      long y = random.nextLong(n2 + 1);
      int floorStep = floorSteps[c % floorSteps.length];
      double floor = (double) floorStep / grid;
      NullMle mle = NullMle.of(x, n1, y, n2, floor);
      double best = mle.logLikelihood(x, n1, y, n2);

      assertThat(mle.candidate() - mle.baseline()).isLessThanOrEqualTo(floor + 1e-15);
      double bestOnGrid = Double.NEGATIVE_INFINITY;
      for (int i = 0; i <= grid; i++) {
        for (int j = 0; j <= grid; j++) {
          if (i - j <= floorStep) {
            NullMle pair = new NullMle((double) i / grid, (double) j / grid);
            bestOnGrid = Math.max(bestOnGrid, pair.logLikelihood(x, n1, y, n2));
          }
        }
      }
      String pair = x + "/" + n1 + " vs " + y + "/" + n2 + ", floor " + floor;
      assertThat(bestOnGrid).as(pair).isLessThanOrEqualTo(best + 1e-9);
      // Half a grid step from the maximum costs (curvature) * step^2 / 8: under 0.02 here.
      assertThat(bestOnGrid).as(pair).isGreaterThan(best - 0.05);
    }
  }
}
