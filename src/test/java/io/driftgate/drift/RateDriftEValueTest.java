package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rate-drift e-value against references computed to 50 digits with mpmath (Beta functions and
 * the null-constrained MLE in 50-digit arithmetic), from a handful of records to a billion per
 * side.
 */
class RateDriftEValueTest {

  @ParameterizedTest(name = "{0}/{1} vs {2}/{3}, floor {4}")
  @CsvSource({
    "7, 10, 2, 10, 0.1, -1.0790813824785071",
    "3, 3, 0, 5, 0.0, 2.7273123773701458",
    "30, 100, 20, 200, 0.02, 1.8436129340978714",
    "9, 12, 1, 40, 0.2, 3.1832788973802257",
    "1, 100, 0, 1000, 0.005, -6.4013134307667008",
    "1000, 1000, 99, 100, 0.005, -6.4013134307667008",
    "2, 10, 5, 10, 0.02, -2.8132108138571496",
    "0, 1, 0, 1, 0.0, -1.3862943611198906",
    "1, 1, 0, 1, 0.0, 0.0",
    "3300, 10000, 3000, 10000, 0.02, -8.5024972432637295",
    "330000000, 1000000000, 300000000, 1000000000, 0.02, 115926.94386209087",
    "1000000000, 1000000000, 0, 1000000000, 0.02, 1346689084.6595355",
    "0, 1000000000, 0, 1000000000, 0.02, -21.867995723045811",
  })
  void matchesTheReference(long x, long n1, long y, long n2, double floor, double logE) {
    // Log-likelihoods of a billion records are near -1e9: double rounding leaves ~1e-7 of them.
    double tolerance = 1e-11 + 1e-15 * (n1 + n2) + 1e-15 * Math.abs(logE);

    assertThat(RateDriftTest.logEValue(x, n1, y, n2, floor)).isCloseTo(logE, within(tolerance));
  }

  /**
   * What validity rests on, exactly and without simulation: at any fixed sample sizes, the
   * e-value's expectation under a null pair of rates is at most 1. Here it is 0.01 to 0.12:
   * universal inference is conservative, and the bound below would catch an e-value grown
   * several-fold.
   */
  @ParameterizedTest(name = "n = {0} vs {1}, rates {2} vs {3}, floor {4}")
  @CsvSource({
    "40, 40, 0.32, 0.30, 0.02",
    "10, 90, 0.32, 0.30, 0.02",
    "60, 20, 0.05, 0.03, 0.02",
    "30, 30, 0.02, 0.00, 0.02",
    "50, 50, 0.50, 0.50, 0.00",
    "25, 75, 0.10, 0.40, 0.00",
  })
  void expectationUnderTheNullIsAtMostOne(int n1, int n2, double p, double q, double floor) {
    BinomialDistribution candidate = new BinomialDistribution(n1, p);
    BinomialDistribution baseline = new BinomialDistribution(n2, q);
    double expectation = 0;
    for (int x = 0; x <= n1; x++) {
      for (int y = 0; y <= n2; y++) {
        double logE = RateDriftTest.logEValue(x, n1, y, n2, floor);
        expectation += Math.exp(candidate.logProbability(x) + baseline.logProbability(y) + logE);
      }
    }

    assertThat(expectation).isLessThan(0.2);
  }

  @Test
  void noEvidenceWhileTheObservedIncreaseIsWithinTheFloor() {
    SplittableRandom random = new SplittableRandom(12);
    for (int c = 0; c < 2_000; c++) {
      long n1 = random.nextLong(1, 100_000);
      long n2 = random.nextLong(1, 100_000);
      long x = random.nextLong(n1 + 1);
      long y = random.nextLong(n2 + 1);
      double floor = random.nextDouble(0, 0.2);
      if ((double) x / n1 - (double) y / n2 <= floor) {
        assertThat(RateDriftTest.logEValue(x, n1, y, n2, floor)).isLessThanOrEqualTo(0.0);
      }
    }
  }

  @Test
  void improvementsNeverCount() {
    // 10% of nulls down to 0%: strong evidence of a change, none of a change for the worse.
    assertThat(RateDriftTest.logEValue(0, 1_000_000, 100_000, 1_000_000, 0))
        .isLessThanOrEqualTo(0.0);
  }

  @Test
  void aSideWithoutRecordsGivesNoEvidence() {
    assertThat(RateDriftTest.logEValue(500, 1000, 0, 0, 0)).isLessThanOrEqualTo(0.0);
    assertThat(RateDriftTest.logEValue(0, 0, 0, 1000, 0)).isLessThanOrEqualTo(0.0);
  }

  @Test
  void pValueIsOneOverTheEValueAtMostOne() {
    assertThat(RateDriftTest.pValue(-3)).isEqualTo(1.0);
    assertThat(RateDriftTest.pValue(0)).isEqualTo(1.0);
    assertThat(RateDriftTest.pValue(Math.log(200))).isCloseTo(0.005, within(1e-15));
    assertThat(RateDriftTest.pValue(1346689084.6)).isZero();
  }

  @Test
  void rejectsImpossibleCountsAndFloors() {
    assertThatThrownBy(() -> RateDriftTest.logEValue(11, 10, 0, 10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("11 hits of 10 records");
    assertThatThrownBy(() -> RateDriftTest.logEValue(1, 10, -1, 10, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateDriftTest.logEValue(1, 10, 0, 10, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("floor 1.0 is not in [0, 1)");
    assertThatThrownBy(() -> RateDriftTest.logEValue(1, 10, 0, 10, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
