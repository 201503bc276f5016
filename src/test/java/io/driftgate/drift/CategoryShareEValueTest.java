package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.driftgate.profile.CategorySummary;
import io.driftgate.profile.ProfileSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The categorical e-values against a direct computation: the numerator as the product of the
 * Jeffreys predictive probabilities of the records one at a time (in a shuffled order), the
 * denominator maximised by a search over the common share instead of in closed form; and the
 * property validity rests on, checked exactly by enumeration.
 */
class CategoryShareEValueTest {

  @ParameterizedTest(name = "{0}/{1} vs {2}/{3}")
  @CsvSource({
    "7, 10, 2, 10",
    "3, 3, 0, 5",
    "1, 40, 0, 60",
    "0, 12, 5, 12",
    "30, 100, 20, 200",
    "250, 5000, 0, 5000",
    "1400, 10000, 1000, 10000",
    "1, 1, 1, 1",
  })
  void matchesTheDirectComputation(long x1, long n1, long x2, long n2) {
    double direct = directLogNumerator(x1, n1, 1) + directLogNumerator(x2, n2, 2);
    direct -= searchedLogSup(x1 + x2 - 1, n1 + n2 - x1 - x2);

    assertThat(CategoryShareTest.logEValue(x1, n1, x2, n2))
        .isCloseTo(direct, within(1e-9 * (1 + Math.abs(direct))));
  }

  @Test
  void aCategoryNobodyHadCarriesNoEvidence() {
    assertThat(CategoryShareTest.logEValue(0, 100, 0, 100)).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  /**
   * What validity rests on: under a common share r, the expectation of inf over r' of r' M(r') is
   * at most r (it is at most the term r M(r), whose expectation is r), so the terms of all
   * categories add up to at most 1.
   */
  @ParameterizedTest(name = "n = {0} vs {1}, share {2}")
  @CsvSource({
    "40, 40, 0.3",
    "10, 90, 0.05",
    "60, 20, 0.5",
    "30, 30, 0.01",
    "100, 25, 0.9",
    "1, 1, 0.5",
  })
  void expectationUnderTheNullIsAtMostTheShare(int n1, int n2, double share) {
    BinomialDistribution candidate = new BinomialDistribution(n1, share);
    BinomialDistribution baseline = new BinomialDistribution(n2, share);
    double expectation = 0;
    for (int x = 0; x <= n1; x++) {
      for (int y = 0; y <= n2; y++) {
        double logE = CategoryShareTest.logEValue(x, n1, y, n2);
        expectation += Math.exp(candidate.logProbability(x) + baseline.logProbability(y) + logE);
      }
    }

    assertThat(expectation).isLessThanOrEqualTo(share);
  }

  @Test
  void theTableSumsHalfOfEveryKnownCategoryAndHalfOfEveryBucket() {
    ProfileSettings settings = new ProfileSettings(2560, 4, 8, 12);
    CategorySummary candidate = new CategorySummary(settings);
    CategorySummary baseline = new CategorySummary(settings);
    Random random = new Random(7);
    for (int i = 0; i < 300; i++) {
      candidate.add("c" + random.nextInt(9));
      baseline.add("c" + random.nextInt(3));
    }
    CategoryTable table = CategoryTable.of(candidate, baseline);
    long n1 = candidate.total();
    long n2 = baseline.total();

    double labels = 0;
    double novel = 0;
    for (int c = 0; c < 9; c++) {
      String label = "c" + c;
      Long x1 = known(candidate, label);
      Long x2 = known(baseline, label);
      if (x1 != null && x2 != null && x1 + x2 > 0) {
        double e = Math.exp(CategoryShareTest.logEValue(x1, n1, x2, n2));
        labels += e;
        novel += x2 == 0 ? e : 0;
      }
    }
    double buckets = 0;
    long[] b1 = candidate.countsByBucket();
    long[] b2 = baseline.countsByBucket();
    for (int b = 0; b < b1.length; b++) {
      if (b1[b] + b2[b] > 0) {
        buckets += Math.exp(CategoryShareTest.logEValue(b1[b], n1, b2[b], n2));
      }
    }
    CategoricalEValue e = CategoricalEValue.of(table);

    assertThat(table.labels()).isNotEmpty();
    assertThat(e.logDrift()).isCloseTo(Math.log((labels + buckets) / 2), within(1e-12));
    assertThat(novel).isPositive();
    assertThat(e.logNovelty()).isCloseTo(Math.log(novel), within(1e-12));
  }

  @Test
  void theSameRecordsGiveTheSameBitsWhateverTheMergeOrder() {
    ProfileSettings settings = new ProfileSettings(2560, 16, 32, 12);
    Random random = new Random(11);
    CategorySummary[] parts = new CategorySummary[4];
    for (int p = 0; p < parts.length; p++) {
      parts[p] = new CategorySummary(settings);
      for (int i = 0; i < 500; i++) {
        parts[p].add("c" + random.nextInt(p < 2 ? 60 : 40));
      }
    }
    CategorySummary forward = new CategorySummary(settings);
    forward.merge(parts[0]);
    forward.merge(parts[1]);
    CategorySummary backward = new CategorySummary(settings);
    backward.merge(parts[1]);
    backward.merge(parts[0]);
    CategorySummary baseline = new CategorySummary(settings);
    baseline.merge(parts[3]);
    baseline.merge(parts[2]);

    assertThat(CategoricalEValue.of(CategoryTable.of(backward, baseline)))
        .isEqualTo(CategoricalEValue.of(CategoryTable.of(forward, baseline)));
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThatThrownBy(() -> CategoryShareTest.logEValue(11, 10, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("11 hits of 10 records");
  }

  /** A label's count where the summary knows it exactly, else null. */
  private static Long known(CategorySummary summary, String label) {
    Long kept = summary.keptCounts().get(label);
    return kept != null ? kept : summary.provablyUnseen(label) ? Long.valueOf(0) : null;
  }

  /** The log of the product of Jeffreys predictive probabilities, records in a shuffled order. */
  private static double directLogNumerator(long hits, long n, long seed) {
    List<Boolean> records = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      records.add(i < hits);
    }
    Collections.shuffle(records, new Random(seed));
    double log = 0;
    long seen = 0;
    long seenHits = 0;
    for (boolean hit : records) {
      double hitProbability = (seenHits + 0.5) / (seen + 1.0);
      log += Math.log(hit ? hitProbability : 1 - hitProbability);
      seen++;
      seenHits += hit ? 1 : 0;
    }
    return log;
  }

  /** max over r of a log r + b log(1 - r), by golden-section search (the function is concave). */
  private static double searchedLogSup(long a, long b) {
    if (a == 0 || b == 0) {
      return 0; // the maximum is at r = 0 or r = 1, where the likelihood is 1
    }
    double low = 0;
    double high = 1;
    double ratio = (Math.sqrt(5) - 1) / 2;
    for (int i = 0; i < 200; i++) {
      double left = high - ratio * (high - low);
      double right = low + ratio * (high - low);
      if (logLikelihood(a, b, left) < logLikelihood(a, b, right)) {
        low = left;
      } else {
        high = right;
      }
    }
    return logLikelihood(a, b, (low + high) / 2);
  }

  private static double logLikelihood(long a, long b, double r) {
    return a * Math.log(r) + b * Math.log1p(-r);
  }
}
