package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The window bet is an exact e-value: its mean under the hypergeometric law of the candidate's hits
 * is 1, checked against Commons Math's probabilities, for small windows (every outcome summed) and
 * large ones (where the sum is cut off and bounded).
 */
class HypergeometricBetTest {

  @ParameterizedTest(name = "N={0} hits={1} candidate={2} stake={3}")
  @CsvSource({
    "12, 5, 6, 0.7",
    "12, 5, 6, -2.5",
    "600, 180, 300, 0.14",
    "600, 180, 300, 8",
    "600, 3, 150, 1.5",
    "250, 240, 50, -0.3",
    "1000, 500, 999, 4",
  })
  void hasMeanOneUnderTheHypergeometricLaw(int all, int allHits, int candidate, double stake) {
    HypergeometricDistribution law = new HypergeometricDistribution(null, all, allHits, candidate);
    double mean = 0;
    for (int x = law.getSupportLowerBound(); x <= law.getSupportUpperBound(); x++) {
      mean +=
          law.probability(x)
              * Math.exp(HypergeometricBet.logEValue(x, candidate, allHits, all, stake));
    }
    assertThat(mean).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void inLargeWindowsAgreesWithTheFullSumAndNeverExceedsIt() {
    int all = 2_000_000;
    int allHits = 600_000;
    int candidate = 1_000_000;
    double stake = 0.1;
    HypergeometricDistribution law = new HypergeometricDistribution(null, all, allHits, candidate);
    double high = Double.NEGATIVE_INFINITY;
    double[] logTerms = new double[law.getSupportUpperBound() - law.getSupportLowerBound() + 1];
    for (int i = 0; i < logTerms.length; i++) {
      int x = law.getSupportLowerBound() + i;
      logTerms[i] = law.logProbability(x) + stake * x;
      high = Math.max(high, logTerms[i]);
    }
    double sum = 0;
    for (double logTerm : logTerms) {
      sum += Math.exp(logTerm - high);
    }
    double logMgf = high + Math.log(sum);
    for (int x : new int[] {299_000, 300_000, 301_500}) {
      double reference = stake * x - logMgf;
      assertThat(HypergeometricBet.logEValue(x, candidate, allHits, all, stake))
          .isCloseTo(reference, within(1e-6));
    }
  }

  @Test
  void aStakeOfZeroOrAForcedOutcomeWinsNothing() {
    assertThat(HypergeometricBet.logEValue(3, 6, 5, 12, 0)).isZero();
    // All records are hits: the candidate's hits are certain.
    assertThat(HypergeometricBet.logEValue(6, 6, 12, 12, 3)).isZero();
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThatThrownBy(() -> HypergeometricBet.logEValue(6, 6, 5, 12, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("impossible");
    assertThatThrownBy(() -> HypergeometricBet.logEValue(1, 13, 5, 12, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
